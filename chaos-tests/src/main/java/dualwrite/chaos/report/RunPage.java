package dualwrite.chaos.report;

import dualwrite.chaos.checker.Counts;
import dualwrite.chaos.checker.Verdict;
import dualwrite.chaos.checker.Verdict.Quantiles;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The page of one run: its verdict in plain words, what it cost (requests refused, events delayed),
 * its scenario as a story, its timeline with the fault windows, committed against published against
 * checked, its lag, and what happened to each transaction an anomaly hit. The run folder's files
 * are copied next to the page.
 */
final class RunPage {

  static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final int OTHER_RUNS_SHOWN = 20;

  private RunPage() {}

  /** The fraud service's consumer as the run recorded it, or what its folder says when unknown. */
  private static String consumerOf(RunFolder.RunInfo info) {
    try {
      return info.consumerMode().label();
    } catch (IllegalArgumentException e) {
      return info.consumer() + " (unknown to this lab)";
    }
  }

  /**
   * The page's path relative to the report: {@code runs/<strategy>/<variant>/<scenario>/<id>.html}.
   */
  static String pathOf(String strategy, String variant, String scenario, String runId) {
    return Href.of("runs", strategy, variant, scenario, runId + ".html");
  }

  /** {@code embedded environment with 3 Kafka brokers · fraud consumer inbox}. */
  private static String environmentOf(RunFolder.RunInfo info) {
    return info.backend()
        + " environment"
        + (info.brokerCount() > 1 ? " with " + info.brokerCount() + " Kafka brokers" : "")
        + " \u00b7 fraud consumer "
        + consumerOf(info);
  }

  private static String progress(
      RunFolders.Loaded run, Timeline timeline, Instant startedAt, double xMax) {
    if (run.truth() == null) {
      return null;
    }
    return Charts.progress(
        run.truth(),
        startedAt,
        timeline == null ? FaultWindows.of(List.of()) : timeline.faults(),
        xMax);
  }

  private static Totals totals(RunFolders.Loaded run) {
    return run.truth() == null
        ? null
        : new Totals(
            run.truth().committed().size(),
            run.truth().published().size(),
            run.truth().checks().size());
  }

  private static List<FaultView> faults(VerdictInWords words) {
    return words.faults().stream()
        .map(f -> new FaultView(f.step(), f.kind(), f.landed() ? "landed" : "missed", f.evidence()))
        .toList();
  }

  /**
   * Writes the page of {@code run} under {@code out} and returns what the report keeps of it.
   *
   * @param siblings every run of the same strategy variant and scenario, this one included
   * @param description what the variant does, or null when unknown
   */
  static RunSummary write(
      RunFolders.Loaded run, List<RunSummary> siblings, String description, Path out) {
    var info = run.info();
    String page = pathOf(info.strategy(), info.variant(), run.scenario().name(), info.runId());
    List<Op> ops = run.history() == null ? List.of() : run.history().ops();
    Timeline timeline = run.history() == null ? null : Timeline.of(ops);
    RunSummary summary = RunSummary.of(run, timeline, page);
    Instant startedAt = run.history() == null ? info.startedAt() : run.history().startedAt();

    double xMax = xMaxSeconds(run, timeline, startedAt);
    VerdictInWords words = VerdictInWords.of(run.verdict(), ops, info.settled());
    RunView view =
        new RunView(
            "../../../../index.html",
            summary.pair(),
            run.scenario().name(),
            info.runId(),
            WHEN.format(info.startedAt()),
            Format.millis((double) info.tookMillis()),
            environmentOf(info),
            summary.word(),
            summary.word(),
            words.sentences(),
            tradeOff(words.cost(), summary.tradeOff()),
            run.scenario().description(),
            run.scenario().origin(),
            run.scenario().seed() == 0 ? null : run.scenario().seed(),
            run.scenario().clients(),
            description == null ? "\u2014" : description,
            run.scenario().story().stripTrailing(),
            new Colors(),
            timeline == null ? null : Charts.timeline(timeline, xMax),
            timeline == null ? List.of() : windows(timeline.faults()),
            timeline == null ? List.of() : crashes(timeline.faults()),
            progress(run, timeline, startedAt, xMax),
            totals(run),
            lag(run.verdict().lag()),
            afterHeal(run.verdict().lag()),
            counts(run.verdict()),
            TransactionsSection.filters(run.verdict()),
            TransactionsSection.fates(run, ops, startedAt),
            TransactionsSection.flows(run, ops, startedAt),
            TransactionsSection.unresolved(run.verdict(), ops),
            files(run),
            otherRuns(siblings, info.runId()),
            faults(words));
    Path folder =
        out.resolve("runs")
            .resolve(info.strategy())
            .resolve(info.variant())
            .resolve(run.scenario().name());
    Pages.write("run", view, folder.resolve(info.runId() + ".html"));
    copyFolder(run, folder.resolve(info.runId()));
    return summary;
  }

  /**
   * The charts share one time axis: up to the last operation or the last fact, whichever is later.
   */
  private static double xMaxSeconds(RunFolders.Loaded run, Timeline timeline, Instant startedAt) {
    double end = timeline == null ? 0 : timeline.endNanos() / 1e9;
    if (run.truth() != null) {
      List<Instant> facts = new ArrayList<>();
      run.truth().committed().forEach(c -> facts.add(c.committedAt()));
      run.truth().published().forEach(p -> facts.add(p.publishedAt()));
      run.truth().checks().forEach(c -> facts.add(c.checkedAt()));
      for (Instant fact : facts) {
        if (fact != null) {
          end = Math.max(end, Fates.secondsSince(startedAt, fact));
        }
      }
    }
    return Math.max(0.5, end * 1.03);
  }

  private static List<WindowView> windows(FaultWindows faults) {
    return faults.windows().stream()
        .map(
            w ->
                new WindowView(
                    w.fault(),
                    switch (w.kind()) {
                      case NETWORK -> "network fault";
                      case SERVICE -> "service down";
                      case SERVER -> "server down";
                    },
                    Format.seconds(w.startNanos() / 1e9),
                    Format.seconds(w.endNanos() / 1e9),
                    w.healed() ? w.endedBy() : "never healed"))
        .toList();
  }

  private static List<CrashView> crashes(FaultWindows faults) {
    return faults.crashes().stream()
        .map(c -> new CrashView(c.what(), Format.seconds(c.atNanos() / 1e9)))
        .toList();
  }

  private static List<LagView> lag(Verdict.Lag lag) {
    if (lag == null) {
      return List.of();
    }
    List<LagView> rows = new ArrayList<>();
    addLag(rows, "the record on the topic", lag.commitToPublish());
    addLag(rows, "the fraud check", lag.commitToCheck());
    return rows;
  }

  private static void addLag(List<LagView> rows, String name, Quantiles q) {
    if (q != null && q.count() > 0) {
      rows.add(
          new LagView(
              name,
              q.count(),
              Format.millis(q.p50()),
              Format.millis(q.p99()),
              Format.millis(q.max())));
    }
  }

  private static RunTradeOffView tradeOff(TradeOffInWords cost, TradeOff t) {
    return new RunTradeOffView(
        t.availabilityText(),
        t.availabilityTone(),
        cost.customersInFull(),
        t.delayText(),
        t.delayTone(),
        cost.fraudServiceInFull());
  }

  private static String afterHeal(Verdict.Lag lag) {
    return lag == null || lag.afterHealMs() == null
        ? null
        : Format.millis((double) lag.afterHealMs());
  }

  private static List<CountView> counts(Verdict verdict) {
    List<CountView> rows = new ArrayList<>();
    Counts counts = verdict.counts();
    // the anomalies have a table of their own
    counts.byName().entrySet().stream()
        .filter(count -> !counts.anomalies().containsKey(count.getKey()))
        .forEach(count -> rows.add(new CountView(count.getKey(), count.getValue())));
    return rows;
  }

  private static List<FileView> files(RunFolders.Loaded run) {
    List<FileView> files = new ArrayList<>();
    for (String name : RunFolders.FILES) {
      if (Files.exists(run.folder().resolve(name))) {
        files.add(new FileView(name, Href.of(run.info().runId(), name)));
      }
    }
    return files;
  }

  private static List<OtherRunView> otherRuns(List<RunSummary> siblings, String runId) {
    return siblings.stream()
        .sorted(Matrix.BY_START.reversed())
        .limit(OTHER_RUNS_SHOWN)
        .map(
            s ->
                new OtherRunView(
                    s.runId(),
                    s.runId().equals(runId) ? null : Href.of(s.runId() + ".html"),
                    s.word(),
                    s.word(),
                    String.join(", ", s.anomalyCounts())))
        .toList();
  }

  private static void copyFolder(RunFolders.Loaded run, Path target) {
    try {
      Files.createDirectories(target);
      for (String name : RunFolders.FILES) {
        Path source = run.folder().resolve(name);
        if (Files.exists(source)) {
          Files.copy(source, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the run folder " + run.folder(), e);
    }
  }
}
