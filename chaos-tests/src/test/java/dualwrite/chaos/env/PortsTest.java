package dualwrite.chaos.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Server ports stay out of the range the OS hands to outgoing connections, and out of each other.
 */
class PortsTest {

  @Test
  void aForksPortsComeFromItsOwnBlockBelowTheEphemeralRange() {
    String fork = System.getProperty("lab.fork", "");
    String home = System.getProperty("lab.env.home", "");
    if (home.matches(".*lab-env-[1-9]")) {
      assertThat(fork)
          .as("a Surefire fork (lab.env.home %s) knows its number", home)
          .isEqualTo(home.substring(home.length() - 1));
    }
    int first = fork.matches("[1-9]") ? 20_000 + Integer.parseInt(fork) * 1000 : 30_000;
    int last = fork.matches("[1-9]") ? first + 999 : 32_767;
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      ports.add(Ports.freePort());
    }
    assertThat(ports).as("twenty picks, twenty ports").hasSize(20);
    assertThat(ports).allSatisfy(port -> assertThat(port).isBetween(first, last));
  }
}
