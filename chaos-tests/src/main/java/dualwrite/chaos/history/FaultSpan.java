package dualwrite.chaos.history;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Step;
import dualwrite.chaos.scenario.Step.ServerFault.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

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
    Reader reader = new Reader();
    history.stream().filter(op -> !op.isClient()).forEach(reader::read);
    long end = history.stream().mapToLong(Op::timeNanos).max().orElse(0);
    return reader.finish(end);
  }

  /** Walks the nemesis's operations, opening a span for each fault and closing it when it ends. */
  private static final class Reader {
    private final List<Open> spans = new ArrayList<>();

    /** A span being read: waiting (armed, not reached), on, or ended. */
    private static final class Open {
      final Step step;
      final long armedNanos;
      Long startNanos;
      Long endNanos;
      String endedBy;
      String notReached;

      Open(Step step, long armedNanos, Long startNanos) {
        this.step = step;
        this.armedNanos = armedNanos;
        this.startNanos = startNanos;
      }

      boolean on() {
        return endNanos == null && startNanos != null;
      }

      boolean waiting() {
        return endNanos == null && startNanos == null;
      }

      void end(long at, String by) {
        endNanos = at;
        endedBy = by;
      }
    }

    void read(Op op) {
      Step step = op.step();
      long at = op.timeNanos();
      if (Op.HEAL_EVERYTHING.equals(op.f())) {
        if (op.type() == Op.Type.OK) {
          spans.stream().filter(Open::on).forEach(s -> s.end(at, "heal everything"));
        }
        return;
      }
      if (step == null) {
        return;
      }
      switch (op.f()) {
        case Op.CRASHED -> firstWaiting(step).ifPresent(s -> s.startNanos = at);
        case Op.STALLED -> {
          if (op.type() == Op.Type.INVOKE) {
            firstWaiting(step).ifPresent(s -> s.startNanos = at);
          } else {
            firstOn(step).ifPresent(s -> s.end(at, "carried on"));
          }
        }
        case Op.FAULT_FIRED -> {
          if (op.type() == Op.Type.INVOKE) {
            firstWaiting(step).ifPresent(s -> s.startNanos = at);
          } else if (op.type() == Op.Type.FAIL) {
            // reached, but the fault could not be set: it broke nothing
            firstOn(step)
                .ifPresent(
                    s -> {
                      s.startNanos = null;
                      s.end(at, null);
                      s.notReached = "reached, but the fault could not be set: " + op.error();
                    });
          }
        }
        case Op.DISARMED ->
            firstWaiting(step)
                .ifPresent(
                    s -> {
                      s.end(at, null);
                      s.notReached = op.error() == null ? "never reached" : op.error();
                    });
        case Op.STILL_ARMED, Op.TARGETED, Op.OUT_OF_SYNC -> {}
        default -> took(step, op.type(), at);
      }
    }

    private Optional<Open> firstWaiting(Step step) {
      return spans.stream().filter(s -> s.step.equals(step) && s.waiting()).findFirst();
    }

    private Optional<Open> firstOn(Step step) {
      return spans.stream().filter(s -> s.step.equals(step) && s.on()).findFirst();
    }

    /**
     * A step was invoked, completed or failed. A point is armed from the invoke on (a component may
     * reach it before the nemesis writes its ok); any other fault is on from its ok. A step that
     * failed opened nothing.
     */
    private void took(Step step, Op.Type type, long at) {
      if (step instanceof Step.AtPoint) {
        if (type == Op.Type.INVOKE) {
          spans.add(new Open(step, at, null));
        } else if (type == Op.Type.FAIL) {
          firstWaiting(step).ifPresent(spans::remove);
        }
        return;
      }
      if (type != Op.Type.OK) {
        return;
      }
      String by = step.describe();
      if (step instanceof Step.Heal heal) {
        // healing a whole link (relay->kafka) heals its part to each broker (relay->kafka-2)
        endOn(
            s ->
                linkOf(s.step) != null
                    && (heal.link().equals(linkOf(s.step))
                        || (!heal.link().oneBroker()
                            && heal.link().equals(linkOf(s.step).whole()))),
            at,
            by);
      } else if (step instanceof Step.HealAll) {
        endOn(s -> linkOf(s.step) != null || s.step instanceof Step.Isolate, at, by);
      } else if (step instanceof Step.Restart restart) {
        String restarted = canonical(restart.service());
        endOn(s -> restarted.equals(serviceDown(s.step)), at, by);
      } else if (step instanceof Step.BrokerFault broker && !broker.breaks()) {
        // a start brings the broker back; a resume ends its pause
        boolean resume = broker.action() == Action.RESUME;
        endOn(
            s ->
                s.step instanceof Step.BrokerFault down
                    && down.broker().equals(broker.broker())
                    && (!resume || down.action() == Action.PAUSE),
            at,
            by);
      } else if (step instanceof Step.ServerFault server && !server.breaks()) {
        // a start brings the server back whatever took it away; a resume ends a pause
        boolean resume = server.action() == Action.RESUME;
        endOn(
            s ->
                s.step instanceof Step.ServerFault down
                    && down.server() == server.server()
                    && (!resume || down.action() == Action.PAUSE),
            at,
            by);
      }
      if (step.breaks()) {
        spans.add(new Open(step, at, at));
      }
    }

    private void endOn(Predicate<Open> which, long at, String by) {
      spans.stream().filter(Open::on).filter(which).forEach(s -> s.end(at, by));
    }

    List<FaultSpan> finish(long end) {
      List<FaultSpan> done = new ArrayList<>();
      for (Open s : spans) {
        long ended = s.endNanos != null ? s.endNanos : Math.max(end, s.armedNanos);
        String notReached = s.notReached;
        if (s.startNanos == null && notReached == null) {
          notReached = "never reached before the history ended";
        }
        done.add(new FaultSpan(s.step, s.armedNanos, s.startNanos, ended, s.endedBy, notReached));
      }
      return List.copyOf(done);
    }

    /** The link a network fault is on: an injected one, or one a fault-at point injects. */
    private static Link linkOf(Step step) {
      if (step instanceof Step.Inject inject) {
        return inject.fault().link();
      }
      if (step instanceof Step.FaultAt at) {
        return at.fault().link();
      }
      return null;
    }

    /** The service a crash or kill took down, by its full name, or null for the other faults. */
    private static String serviceDown(Step step) {
      if (step instanceof Step.Crash crash) {
        return canonical(crash.service());
      }
      if (step instanceof Step.Kill kill) {
        return canonical(kill.service());
      }
      return null;
    }

    /**
     * A service's full name: a component's label names its first service, as the nemesis resolves
     * it ({@code relay} is {@code relay-1}; {@code bank} stays {@code bank}).
     */
    private static String canonical(String service) {
      return service.equals("relay") ? "relay-1" : service;
    }
  }
}
