package dualwrite.chaos.history;

import dualwrite.chaos.env.Link;
import dualwrite.chaos.scenario.Step;
import dualwrite.chaos.scenario.Step.ServerFault.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Walks the nemesis's operations, opening a span for each fault and closing it when it ends. */
final class FaultSpanReader {
  private final List<OpenSpan> spans = new ArrayList<>();

  void read(Op op) {
    Step step = op.step();
    long at = op.timeNanos();
    if (Op.HEAL_EVERYTHING.equals(op.f())) {
      if (op.type() == Op.Type.OK) {
        spans.stream().filter(OpenSpan::on).forEach(s -> s.end(at, "heal everything"));
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

  private Optional<OpenSpan> firstWaiting(Step step) {
    return spans.stream().filter(s -> s.step.equals(step) && s.waiting()).findFirst();
  }

  private Optional<OpenSpan> firstOn(Step step) {
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
        spans.add(new OpenSpan(step, at, null));
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
                      || (!heal.link().oneBroker() && heal.link().equals(linkOf(s.step).whole()))),
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
      spans.add(new OpenSpan(step, at, at));
    }
  }

  private void endOn(Predicate<OpenSpan> which, long at, String by) {
    spans.stream().filter(OpenSpan::on).filter(which).forEach(s -> s.end(at, by));
  }

  List<FaultSpan> finish(long end) {
    List<FaultSpan> done = new ArrayList<>();
    for (OpenSpan s : spans) {
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
   * A service's full name: a component's label names its first service, as the nemesis resolves it
   * ({@code relay} is {@code relay-1}; {@code bank} stays {@code bank}).
   */
  private static String canonical(String service) {
    return service.equals("relay") ? "relay-1" : service;
  }
}
