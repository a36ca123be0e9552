package dualwrite.chaos.report;

import dualwrite.chaos.history.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A history laid out the way Jepsen draws it: one lane per process, each client operation a span
 * from its invoke to its completion, and the nemesis's fault windows behind them.
 *
 * @param lanes the clients in number order, then {@code nemesis}
 * @param spans every client operation; one never completed ends with the history, as {@code
 *     PENDING}
 * @param steps the nemesis's operations, each at the moment it was invoked
 * @param faults the fault windows and crashes
 * @param endNanos the last moment in the history
 */
record Timeline(
    List<String> lanes, List<Span> spans, List<Step> steps, FaultWindows faults, long endNanos) {

  /** How a client operation ended. */
  enum Outcome {
    OK,
    FAIL,
    INFO,
    PENDING
  }

  /** One client operation from invoke to completion. */
  record Span(
      String process,
      long startNanos,
      long endNanos,
      Outcome outcome,
      UUID transactionId,
      String value,
      String error) {}

  /** A nemesis operation; {@code failed} when the nemesis could not take the step. */
  record Step(String description, long atNanos, boolean failed) {}

  static Timeline of(List<Op> history) {
    long end = history.stream().mapToLong(Op::timeNanos).max().orElse(0);
    Map<String, Op> invoked = new HashMap<>();
    List<Span> spans = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    List<String> clients = new ArrayList<>();
    Map<String, Op> nemesisInvoked = new HashMap<>();
    for (Op op : history) {
      if (!op.isClient()) {
        String key = op.f() + "|" + op.value();
        switch (op.type()) {
          case INVOKE -> nemesisInvoked.put(key, op);
          case OK, FAIL -> {
            Op invoke = nemesisInvoked.remove(key);
            long at = invoke == null ? op.timeNanos() : invoke.timeNanos();
            steps.add(new Step(op.value(), at, op.type() == Op.Type.FAIL));
          }
          case INFO -> {
            // a crash point fired: FaultWindows marks it
          }
        }
        continue;
      }
      if (!clients.contains(op.process())) {
        clients.add(op.process());
      }
      if (op.type() == Op.Type.INVOKE) {
        invoked.put(op.process(), op);
        continue;
      }
      Op invoke = invoked.remove(op.process());
      long start = invoke == null ? op.timeNanos() : invoke.timeNanos();
      spans.add(
          new Span(
              op.process(),
              start,
              op.timeNanos(),
              Outcome.valueOf(op.type().name()),
              op.transactionId(),
              op.value(),
              op.error()));
    }
    for (Op invoke : invoked.values()) {
      spans.add(
          new Span(
              invoke.process(),
              invoke.timeNanos(),
              end,
              Outcome.PENDING,
              invoke.transactionId(),
              invoke.value(),
              null));
    }
    spans.sort(Comparator.comparingLong(Span::startNanos));
    clients.sort(Comparator.comparingInt(Timeline::clientNumber).thenComparing(p -> p));
    List<String> lanes = new ArrayList<>(clients);
    lanes.add(Op.NEMESIS);
    return new Timeline(List.copyOf(lanes), spans, steps, FaultWindows.of(history), end);
  }

  /** The durations of the operations that completed ok, in milliseconds. */
  List<Double> okMillis() {
    return spans.stream()
        .filter(s -> s.outcome() == Outcome.OK)
        .map(s -> (s.endNanos() - s.startNanos()) / 1e6)
        .toList();
  }

  private static int clientNumber(String process) {
    try {
      return Integer.parseInt(process);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
