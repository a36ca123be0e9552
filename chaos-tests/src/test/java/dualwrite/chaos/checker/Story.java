package dualwrite.chaos.checker;

import dualwrite.bank.Component;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.scenario.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A run written by hand for the checker's tests: nemesis steps and client requests at chosen
 * milliseconds, and a truth whose commits, records and checks happen at chosen milliseconds too.
 */
final class Story {

  static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  static final Link BANK_KAFKA = Link.of(Component.BANK, Server.KAFKA);
  static final Link RELAY_KAFKA = Link.of(Component.RELAY, Server.KAFKA);

  /** The links a naive variant connects through. */
  static final Set<Link> NAIVE_LINKS =
      Set.of(
          Link.of(Component.BANK, Server.POSTGRES),
          BANK_KAFKA,
          Link.of(Component.FRAUD, Server.KAFKA),
          Link.of(Component.FRAUD, Server.POSTGRES));

  /** The links an outbox variant connects through. */
  static final Set<Link> OUTBOX_LINKS =
      Set.of(
          Link.of(Component.BANK, Server.POSTGRES),
          Link.of(Component.RELAY, Server.POSTGRES),
          RELAY_KAFKA,
          Link.of(Component.FRAUD, Server.POSTGRES),
          Link.of(Component.FRAUD, Server.KAFKA));

  private static final long MS = 1_000_000L;

  private final List<Op> ops = new ArrayList<>();
  private final List<Truth.Committed> committed = new ArrayList<>();
  private final List<Truth.Published> published = new ArrayList<>();
  private final List<Truth.Checked> checks = new ArrayList<>();
  private long sequence;

  /** The nemesis takes a step at {@code millis}: its invoke and its ok. */
  Story step(long millis, Step step) {
    nemesis(millis, Op.Type.INVOKE, "step", step, null);
    return nemesis(millis, Op.Type.OK, "step", step, null);
  }

  /** The nemesis invokes a step at {@code millis}; its ok comes later, or never. */
  Story invoke(long millis, Step step) {
    return nemesis(millis, Op.Type.INVOKE, "step", step, null);
  }

  Story ok(long millis, Step step) {
    return nemesis(millis, Op.Type.OK, "step", step, null);
  }

  /** An armed fault reached its point, but the proxy refused it. */
  Story faultRefused(long millis, Step.FaultAt at) {
    nemesis(millis, Op.Type.INVOKE, Op.FAULT_FIRED, at, null);
    return nemesis(millis, Op.Type.FAIL, Op.FAULT_FIRED, at, "the fault proxy refused it");
  }

  /** An armed point did something: {@link Op#CRASHED}, {@link Op#DISARMED}, ... */
  Story point(long millis, String what, Step armedBy) {
    return nemesis(millis, Op.Type.INFO, what, armedBy, null);
  }

  /** An armed stall or fault begins where its point was reached: {@link Op#STALLED}, ... */
  Story fired(long millis, String what, Step armedBy) {
    return nemesis(millis, Op.Type.INVOKE, what, armedBy, null);
  }

  Story healEverything(long millis) {
    ops.add(
        new Op(
            ops.size(),
            Op.NEMESIS,
            Op.Type.OK,
            Op.HEAL_EVERYTHING,
            "heal everything",
            null,
            millis * MS,
            null));
    return this;
  }

  /**
   * A transaction asked for from {@code from} to {@code to} ms (null: never answered), committed at
   * {@code commit}, published at {@code publish} and checked at {@code check} (each null: never).
   */
  UUID transaction(long from, Long to, Long commit, Long publish, Long check) {
    return transaction(from, to, Op.Type.OK, commit, publish, check);
  }

  /** A transaction as above, whose client is answered {@code answer} at {@code to}. */
  UUID transaction(long from, Long to, Op.Type answer, Long commit, Long publish, Long check) {
    UUID id = UUID.randomUUID();
    UUID event = UUID.randomUUID();
    ops.add(new Op(ops.size(), "0", Op.Type.INVOKE, "record", "r", id, from * MS, null));
    if (to != null) {
      String error = answer == Op.Type.OK ? null : "the bank said " + answer.label();
      ops.add(new Op(ops.size(), "0", answer, "record", "r", id, to * MS, error));
    }
    long seq = ++sequence;
    if (commit != null) {
      committed.add(new Truth.Committed(id, event, "acct-1", seq, T0.plusMillis(commit)));
    }
    if (publish != null) {
      published.add(
          new Truth.Published(
              0, published.size(), T0.plusMillis(publish), event, id, "acct-1", seq, null));
    }
    if (check != null) {
      checks.add(new Truth.Checked(id, event, T0.plusMillis(check)));
    }
    return id;
  }

  List<Op> ops() {
    return List.copyOf(ops);
  }

  Truth truth() {
    return new Truth(committed, published, checks);
  }

  List<FaultOutcome> outcomes(Set<Link> linksInUse) {
    return FaultOutcome.judge(ops(), T0, truth(), linksInUse);
  }

  Observation observation(boolean settled, Set<Link> linksInUse) {
    return observation(settled, linksInUse, null);
  }

  /** The run, whose final heal-everything completed {@code healedAtMillis} in (null: no fault). */
  Observation observation(boolean settled, Set<Link> linksInUse, Long healedAtMillis) {
    return new Observation(
        ops(),
        T0,
        truth(),
        healedAtMillis == null ? null : T0.plusMillis(healedAtMillis),
        settled,
        linksInUse);
  }

  private Story nemesis(long millis, Op.Type type, String f, Step step, String error) {
    ops.add(
        new Op(ops.size(), Op.NEMESIS, type, f, step.describe(), null, millis * MS, error, step));
    return this;
  }
}
