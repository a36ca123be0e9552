package dualwrite.chaos.report;

import java.util.List;

/**
 * A variant's generated runs on the front page: counted by verdict, the smallest counterexample,
 * the invalid runs (up to a limit, {@code more} left out), and whether the faults landed.
 */
record GeneratedView(
    String pair,
    String listHref,
    int total,
    int valid,
    int invalid,
    int unknown,
    int vacuous,
    Anchor smallest,
    List<Anchor> invalidLinks,
    Integer more,
    List<CoverageRow> coverage) {}
