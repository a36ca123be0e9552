package dualwrite.chaos.nemesis;

/** A broker as a step resolved it, and what to tell the history the first time. */
record ResolvedBroker(int id, String found) {
  String name() {
    return "kafka-" + id;
  }
}
