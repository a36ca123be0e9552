package dualwrite.chaos.nemesis;

import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.env.ServerControl;
import dualwrite.chaos.scenario.Step;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The nemesis's server faults: PostgreSQL or Kafka stopped, killed, paused, resumed or started, and
 * one broker of a cluster likewise. What it paused it remembers, so that the heal resumes it.
 */
final class ServerFaults {

  private final LabEnvironment environment;
  private final Set<Server> paused = EnumSet.noneOf(Server.class);
  private final Set<Integer> pausedBrokers = new TreeSet<>();

  ServerFaults(LabEnvironment environment) {
    this.environment = environment;
  }

  void apply(Step.ServerFault fault) {
    ServerControl server =
        fault.server() == Server.POSTGRES ? environment.postgres() : environment.kafka();
    switch (fault.action()) {
      case STOP, STOP_IMMEDIATE, KILL -> {
        paused.remove(fault.server());
        if (fault.server() == Server.KAFKA) {
          pausedBrokers.clear(); // every broker goes, frozen ones too
        }
        server.stop(fault.action().stopMode());
      }
      case PAUSE -> {
        server.pause();
        paused.add(fault.server());
      }
      case RESUME -> {
        server.resume();
        paused.remove(fault.server());
      }
      case START -> server.start();
    }
  }

  /** A server fault on one broker of a cluster. */
  void onBroker(int id, Step.ServerFault.Action action) {
    ServerControl server = environment.broker(id);
    switch (action) {
      case STOP, STOP_IMMEDIATE, KILL -> {
        pausedBrokers.remove(id);
        server.stop(action.stopMode());
      }
      case PAUSE -> {
        server.pause();
        pausedBrokers.add(id);
      }
      case RESUME -> {
        server.resume();
        pausedBrokers.remove(id);
      }
      case START -> server.start();
    }
  }

  /** Paused brokers and servers resumed, stopped servers started. */
  void heal() {
    for (int broker : List.copyOf(pausedBrokers)) {
      pausedBrokers.remove(broker);
      ServerControl node = environment.broker(broker);
      if (node.isRunning()) { // it may have been killed since it froze
        node.resume();
      }
    }
    for (ServerControl server : List.of(environment.postgres(), environment.kafka())) {
      if (paused.remove(server.server())) {
        server.resume();
      }
      if (!server.isRunning()) {
        server.start();
      }
    }
  }
}
