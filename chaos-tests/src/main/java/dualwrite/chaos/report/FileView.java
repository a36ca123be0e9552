package dualwrite.chaos.report;

/** A file of the run folder, linked from the run page. */
record FileView(String name, String href) {}
