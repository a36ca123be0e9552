package dualwrite.chaos.checker;

import dualwrite.chaos.checker.Verdict.Unresolved;
import dualwrite.chaos.history.Op;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Whether what each client was told matches the truth: failed but committed, ok but not committed,
 * and the requests whose outcome the client never learnt (unresolved); and how many of the clients'
 * requests were served (availability).
 */
final class ClientCheck {

  /**
   * What the clients' view of the run shows.
   *
   * @param found failed-but-committed and ok-but-not-committed transactions
   * @param unresolved answered with info first, then the requests never answered
   * @param opCounts the clients' requests by type: invoked, then answered ok, fail or info
   */
  record Outcomes(Findings found, List<Unresolved> unresolved, Map<Op.Type, Long> opCounts) {

    /** How many of the clients' operations were of {@code type}. */
    long count(Op.Type type) {
      return opCounts.getOrDefault(type, 0L);
    }
  }

  private ClientCheck() {}

  static Outcomes check(List<Op> ops, IndexedTruth truth) {
    Findings found = new Findings();
    List<Unresolved> unresolved = new ArrayList<>();
    Map<Op.Type, Long> opCounts = new EnumMap<>(Op.Type.class);
    Set<UUID> unanswered = new LinkedHashSet<>();
    for (Op op : ops) {
      if (!isRequest(op)) {
        continue;
      }
      UUID id = op.transactionId();
      opCounts.merge(op.type(), 1L, Long::sum);
      boolean committed = truth.isCommitted(id);
      if (op.type() == Op.Type.INVOKE) {
        unanswered.add(id);
      } else {
        unanswered.remove(id);
      }
      switch (op.type()) {
        case FAIL -> {
          if (committed) {
            found.add(Anomaly.FAILED_BUT_COMMITTED, id);
          }
        }
        case OK -> {
          if (!committed) {
            found.add(Anomaly.OK_BUT_NOT_COMMITTED, id);
          }
        }
        case INFO -> unresolved.add(new Unresolved(id, committed));
        case INVOKE -> {}
      }
    }
    // a request still open when the run ended is as unresolved as one answered with info
    unanswered.forEach(id -> unresolved.add(new Unresolved(id, truth.isCommitted(id), false)));
    return new Outcomes(found, unresolved, opCounts);
  }

  /** See {@link Checker#availability}. */
  static Double availability(List<Op> ops) {
    long requests = 0;
    long ok = 0;
    for (Op op : ops) {
      if (!isRequest(op)) {
        continue;
      }
      if (op.type() == Op.Type.INVOKE) {
        requests++;
      } else if (op.type() == Op.Type.OK) {
        ok++;
      }
    }
    return requests == 0 ? null : (double) ok / requests;
  }

  /** A client's {@code record} operation: one of a request's invoke and answer. */
  private static boolean isRequest(Op op) {
    return op.isClient() && op.transactionId() != null;
  }
}
