package dualwrite.chaos.checker;

import dualwrite.chaos.env.Link;
import dualwrite.chaos.history.Op;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the checker is given about one run.
 *
 * @param ops the history's operations
 * @param startedAt the wall-clock time of the history's nanosecond 0, or null when unknown (then
 *     the faults are not judged)
 * @param truth what the servers hold, read after the run settled
 * @param healedAt when the final heal completed (servers and services back), or null when the run
 *     had no fault
 * @param settled whether the system drained before the settle time ran out
 * @param linksInUse the links the deployment connected through, or null when unknown
 */
public record Observation(
    List<Op> ops,
    Instant startedAt,
    Truth truth,
    Instant healedAt,
    boolean settled,
    Set<Link> linksInUse) {

  public Observation {
    ops = List.copyOf(ops);
    linksInUse = linksInUse == null ? null : Set.copyOf(linksInUse);
  }
}
