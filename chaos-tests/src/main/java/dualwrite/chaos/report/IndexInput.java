package dualwrite.chaos.report;

import java.util.List;
import java.util.Optional;

/** Everything the front page is made of. */
record IndexInput(
    String runsDir,
    String generatedAt,
    List<RunSummary> runs,
    Matrix matrix,
    List<GeneratedTally> generated,
    Optional<Bench> bench,
    String benchNote,
    VariantOrder order,
    List<RunFolders.Skipped> skipped) {}
