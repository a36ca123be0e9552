package dualwrite.chaos.report;

import dualwrite.chaos.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes histories by hand for the report's tests: each operation at a chosen millisecond. */
final class Ops {

  private final List<Op> ops = new ArrayList<>();

  Ops nemesis(Op.Type type, String f, String value, long millis) {
    return add(Op.NEMESIS, type, f, value, null, millis, null);
  }

  /** A nemesis step that took 1 ms: its invoke and its ok. */
  Ops step(String f, String value, long millis) {
    return nemesis(Op.Type.INVOKE, f, value, millis).nemesis(Op.Type.OK, f, value, millis + 1);
  }

  Ops crashed(String point, long millis) {
    return nemesis(Op.Type.INFO, "crashed", point, millis);
  }

  Ops invoke(String process, UUID transaction, String request, long millis) {
    return add(process, Op.Type.INVOKE, "record", request, transaction, millis, null);
  }

  Ops complete(
      String process, Op.Type type, UUID transaction, String request, long millis, String error) {
    return add(process, type, "record", request, transaction, millis, error);
  }

  List<Op> list() {
    return List.copyOf(ops);
  }

  private Ops add(
      String process,
      Op.Type type,
      String f,
      String value,
      UUID transaction,
      long millis,
      String error) {
    ops.add(new Op(ops.size(), process, type, f, value, transaction, millis * 1_000_000L, error));
    return this;
  }
}
