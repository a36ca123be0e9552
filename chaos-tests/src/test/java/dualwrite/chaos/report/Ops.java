package dualwrite.chaos.report;

import dualwrite.chaos.history.Op;
import dualwrite.chaos.scenario.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes histories by hand for the report's tests: each operation at a chosen millisecond. */
final class Ops {

  private final List<Op> ops = new ArrayList<>();

  Ops nemesis(Op.Type type, String f, String value, long millis) {
    return add(Op.NEMESIS, type, f, value, null, millis, null);
  }

  /** A nemesis step that names no scenario step (the final heal): its invoke and its ok. */
  Ops step(String f, String value, long millis) {
    return nemesis(Op.Type.INVOKE, f, value, millis).nemesis(Op.Type.OK, f, value, millis);
  }

  /** A nemesis step, typed as the nemesis writes it: its invoke and its ok at {@code millis}. */
  Ops step(Step step, long millis) {
    ops.add(step(Op.Type.INVOKE, "step", step, millis));
    ops.add(step(Op.Type.OK, "step", step, millis));
    return this;
  }

  /** A nemesis step the nemesis could not take: its invoke, then its fail. */
  Ops failed(Step step, long millis) {
    ops.add(step(Op.Type.INVOKE, "step", step, millis));
    ops.add(step(Op.Type.FAIL, "step", step, millis + 2));
    return this;
  }

  /** An armed point did something ({@link Op#CRASHED}, ...) for the step that armed it. */
  Ops point(String what, Step armedBy, long millis) {
    ops.add(step(what.equals(Op.CRASHED) ? Op.Type.INFO : Op.Type.INVOKE, what, armedBy, millis));
    return this;
  }

  private Op step(Op.Type type, String f, Step step, long millis) {
    return new Op(
        ops.size(), Op.NEMESIS, type, f, step.describe(), null, millis * 1_000_000L, null, step);
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
