package dualwrite.chaos.report;

import dualwrite.chaos.checker.Anomaly;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.history.Op;
import java.time.Instant;
import java.util.List;

/**
 * The run page's section on the transactions an anomaly hit: a filter button per anomaly, what
 * happened to each transaction, their message flows (and a few normal ones), and the requests whose
 * outcome the client never learnt.
 */
final class TransactionsSection {

  private static final int NORMAL_FLOWS_SHOWN = 3;
  private static final int ANOMALOUS_FLOWS_SHOWN = 40;

  private TransactionsSection() {}

  static List<FilterView> filters(Verdict verdict) {
    return verdict.found().stream()
        .map(a -> new FilterView(a.label(), verdict.of(a).size()))
        .toList();
  }

  static FlowsView flows(RunFolders.Loaded run, List<Op> ops, Instant startedAt) {
    List<Journey> all =
        Journeys.of(
            ops,
            run.truth(),
            run.verdict(),
            Journeys.relayPublishes(run.info().strategy()),
            startedAt);
    List<Journey> shown = Journeys.select(all, NORMAL_FLOWS_SHOWN, ANOMALOUS_FLOWS_SHOWN);
    long anomalous = all.stream().filter(Journey::anomalous).count();
    long drawn = shown.stream().filter(Journey::anomalous).count();
    return new FlowsView(
        shown.stream()
            .map(
                j ->
                    new FlowView(
                        j.transactionId(),
                        j.request() == null ? "no client asked for it" : j.request(),
                        j.anomalies(),
                        j.stop(),
                        FlowDiagram.svg(j)))
            .toList(),
        anomalous > drawn
            ? "Only the first "
                + drawn
                + " of the "
                + anomalous
                + " transactions an anomaly hit are drawn; the table above lists them all."
            : null);
  }

  static List<FateView> fates(RunFolders.Loaded run, List<Op> ops, Instant startedAt) {
    return Fates.of(run.verdict(), ops, run.truth(), startedAt).stream()
        .map(
            row -> {
              Fates.Fate f = row.fate();
              String database =
                  f.committed()
                      ? "committed at "
                          + Format.seconds(f.committedAtSeconds())
                          + ", #"
                          + f.sequence()
                          + " of "
                          + f.account()
                      : "not committed";
              return new FateView(
                  row.anomalies().stream().map(Anomaly::label).toList(),
                  f.transactionId(),
                  Format.shortId(f.transactionId()),
                  f.request() == null ? "no client asked for it" : f.request(),
                  f.told() == null ? "none" : f.told(),
                  f.toldAtSeconds() == null
                      ? (f.told() == null ? "" : "never answered")
                      : "at " + Format.seconds(f.toldAtSeconds()),
                  f.error(),
                  database,
                  f.records(),
                  f.checks());
            })
        .toList();
  }

  static List<UnresolvedView> unresolved(Verdict verdict, List<Op> ops) {
    return verdict.unresolved().stream()
        .map(
            u -> {
              String request =
                  ops.stream()
                      .filter(op -> u.transactionId().equals(op.transactionId()))
                      .map(Op::value)
                      .findFirst()
                      .orElse("\u2014");
              return new UnresolvedView(
                  u.transactionId(),
                  Format.shortId(u.transactionId()),
                  request,
                  u.committed() ? "it committed" : "it did not commit");
            })
        .toList();
  }
}
