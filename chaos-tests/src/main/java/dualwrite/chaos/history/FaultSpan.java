package dualwrite.chaos.history;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Step;
import java.util.List;
import java.util.Optional;

/**
 * One fault of a run as its history tells it, read from the nemesis's typed operations: the step
 * that made it, when it took effect and when it ended. A network fault lasts from its injection to
 * the heal of its link; a crashed or killed service is down until it restarts; a stalled thread
 * until it carries on; a stopped or paused server until it starts or resumes; whatever is still on
 * ends at the final heal, or at the end of the history.
 *
 * @param step the step that made the fault (for an armed point: the step that armed it)
 * @param armedNanos when the nemesis took that step
 * @param startNanos when the fault took effect; for an armed crash, stall or fault: when its point
 *     was reached, or null when it never was
 * @param endNanos when the fault ended (for one that never took effect: when it was disarmed)
 * @param endedBy the step that ended it ({@code heal(relay->kafka)}, {@code restart(relay)}, {@code
 *     heal everything}), or null when nothing did
 * @param notReached why an armed point never fired ({@code never reached}, {@code replaced by
 *     ...}), or null
 */
public record FaultSpan(
    Step step, long armedNanos, Long startNanos, long endNanos, String endedBy, String notReached) {

  /** True when the fault took effect: always for a direct fault, when reached for an armed one. */
  public boolean tookEffect() {
    return startNanos != null;
  }

  /** True for a crash, stall or fault armed at a crash point, which acts only when reached. */
  public boolean armed() {
    return step instanceof Step.AtPoint;
  }

  /**
   * The fault's kind, as coverage counts it: {@code down}, a toxic's type ({@code latency}), {@code
   * crash}, {@code stall}, {@code fault-at}, {@code kill}, or a server fault ({@code kill(kafka)},
   * {@code pause(kafka)}, {@code stop-immediate(postgres)}).
   */
  public String kind() {
    return kindOf(step);
  }

  /** The kind of a fault step (see {@link #kind()}). */
  public static String kindOf(Step step) {
    if (step instanceof Step.Inject inject) {
      return inject.fault() instanceof Fault.Toxic toxic ? toxic.type() : "down";
    }
    if (step instanceof Step.Crash) {
      return "crash";
    }
    if (step instanceof Step.Stall) {
      return "stall";
    }
    if (step instanceof Step.FaultAt) {
      return "fault-at";
    }
    if (step instanceof Step.Kill) {
      return "kill";
    }
    if (step instanceof Step.ServerFault server) {
      return server.describe();
    }
    if (step instanceof Step.BrokerFault broker) {
      // kill(leader), or stop(kafka-N) whichever broker it names
      return broker.action().label()
          + (broker.broker().equals(Step.LEADER) ? "(leader)" : "(kafka-N)");
    }
    if (step instanceof Step.Isolate isolate) {
      return isolate.replicationOnly() ? "isolate-replication" : "isolate";
    }
    throw new IllegalArgumentException(step.describe() + " is not a fault");
  }

  /**
   * What it hit: a link ({@code relay->kafka}), a crash point by component ({@code
   * relay:after-publish}), a service ({@code relay-2}) or a server ({@code kafka}).
   */
  public String target() {
    return targetOf(step);
  }

  /** The target of a fault step (see {@link #target()}). */
  public static String targetOf(Step step) {
    if (step instanceof Step.Inject inject) {
      return inject.fault().link().toString();
    }
    if (step instanceof Step.AtPoint at) {
      return Step.componentOf(at.service()) + ":" + at.point();
    }
    if (step instanceof Step.Kill kill) {
      return kill.service();
    }
    if (step instanceof Step.ServerFault server) {
      return server.server().label();
    }
    if (step instanceof Step.BrokerFault broker) {
      return broker.broker().equals(Step.LEADER) ? "kafka leader" : broker.broker();
    }
    if (step instanceof Step.Isolate isolate) {
      return isolate.broker().equals(Step.LEADER) ? "kafka leader" : isolate.broker();
    }
    throw new IllegalArgumentException(step.describe() + " is not a fault");
  }

  /** The component whose work the fault targets, or empty for a server fault (it hits all). */
  public Optional<Component> component() {
    if (step instanceof Step.Inject inject) {
      return Optional.of(inject.fault().link().component());
    }
    if (step instanceof Step.Kill kill) {
      return Optional.of(Step.componentOf(kill.service()));
    }
    if (step instanceof Step.AtPoint at) {
      return Optional.of(Step.componentOf(at.service()));
    }
    return Optional.empty();
  }

  /**
   * The server a server fault takes away (a fault on one broker, or between brokers, is Kafka's),
   * or empty for the other faults.
   */
  public Optional<Server> server() {
    if (step instanceof Step.ServerFault fault) {
      return Optional.of(fault.server());
    }
    if (step instanceof Step.BrokerFault || step instanceof Step.Isolate) {
      return Optional.of(Server.KAFKA);
    }
    return Optional.empty();
  }

  /** The faults of a history, in the order the nemesis made them. */
  public static List<FaultSpan> of(List<Op> history) {
    FaultSpanReader reader = new FaultSpanReader();
    history.stream().filter(op -> !op.isClient()).forEach(reader::read);
    long end = history.stream().mapToLong(Op::timeNanos).max().orElse(0);
    return reader.finish(end);
  }
}
