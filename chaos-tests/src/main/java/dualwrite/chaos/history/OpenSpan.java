package dualwrite.chaos.history;

import dualwrite.chaos.scenario.Step;

/** A span being read: waiting (armed, not reached), on, or ended. */
final class OpenSpan {
  final Step step;
  final long armedNanos;
  Long startNanos;
  Long endNanos;
  String endedBy;
  String notReached;

  OpenSpan(Step step, long armedNanos, Long startNanos) {
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
