package dualwrite.chaos.env;

import java.io.IOException;
import java.io.InputStream;

/**
 * The main class of the Kafka broker's child JVM. It runs {@code kafka.Kafka} and dies with its
 * parent: the parent holds the child's standard input, so when the parent exits, even by SIGKILL,
 * the child reads end-of-file and halts. No broker outlives the lab.
 */
public final class BrokerProcess {

  private BrokerProcess() {}

  /**
   * Starts the broker.
   *
   * @param args the path of the broker's {@code server.properties}
   */
  public static void main(String[] args) throws Exception {
    Thread reaper = new Thread(BrokerProcess::haltWhenParentGoes, "parent-watch");
    reaper.setDaemon(true);
    reaper.start();
    kafka.Kafka.main(args);
  }

  private static void haltWhenParentGoes() {
    InputStream in = System.in;
    byte[] buffer = new byte[64];
    try {
      while (in.read(buffer) >= 0) {
        // the parent never writes; anything read is ignored
      }
    } catch (IOException e) {
      // a broken pipe means the same as end-of-file
    }
    Runtime.getRuntime().halt(1);
  }
}
