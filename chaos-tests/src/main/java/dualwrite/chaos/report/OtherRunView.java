package dualwrite.chaos.report;

record OtherRunView(String runId, String href, String word, String tone, String counts) {}
