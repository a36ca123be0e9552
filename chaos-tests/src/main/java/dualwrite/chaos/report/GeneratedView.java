package dualwrite.chaos.report;

import java.util.List;

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
