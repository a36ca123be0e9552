package dualwrite.chaos.report;

record CrashView(String what, String at) {}
