package dualwrite.chaos.report;

/** A crash on the run page: what crashed, and when. */
record CrashView(String what, String at) {}
