package dualwrite.chaos.report;

/** Another run of the same variant and scenario, linked from the run page (null href: this one). */
record OtherRunView(String runId, String href, String word, String tone, String counts) {}
