package dualwrite.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.checker.Verdict.Unresolved;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.history.Op;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checker, on hand-made histories and truths, names each anomaly and nothing else. */
class CheckerTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private final List<Op> ops = new ArrayList<>();
  private final List<Truth.Committed> committed = new ArrayList<>();
  private final List<Truth.Published> published = new ArrayList<>();
  private final List<Truth.Checked> checks = new ArrayList<>();
  private long offset;

  @Test
  void aCleanRunIsValidAndNamesNothing() {
    UUID a = happy("acct-1", 1);
    UUID b = happy("acct-1", 2);

    Verdict verdict = check();

    assertThat(verdict.valid()).as(verdict.summary()).isEqualTo(Validity.VALID);
    assertThat(verdict.found()).as("no anomaly at all").isEmpty();
    assertThat(verdict.counts().committed()).isEqualTo(2L);
    assertThat(verdict.counts().fraudChecks()).isEqualTo(2L);
    assertThat(List.of(a, b)).doesNotContainNull();
  }

  @Test
  void aCommittedTransactionWithoutARecordIsLost() {
    happy("acct-1", 1);
    UUID lost = UUID.randomUUID();
    ok(lost);
    commit(lost, "acct-1", 2);

    assertOnly(check(), Anomaly.LOST, lost);
  }

  @Test
  void aRecordWhoseTransactionNeverCommittedIsAPhantom() {
    happy("acct-1", 1);
    UUID phantom = UUID.randomUUID();
    info(phantom);
    publish(phantom, "acct-1", 2);
    checkOnce(phantom);

    Verdict verdict = check();
    assertOnly(verdict, Anomaly.PHANTOM, phantom);
    assertThat(verdict.unresolved())
        .as("its client could not know; the truth: not committed")
        .containsExactly(new Unresolved(phantom, false));
  }

  @Test
  void aSecondRecordOfATransactionIsADuplicateDeliveryWhichAloneKeepsTheRunValid() {
    UUID twice = happy("acct-1", 1);
    publish(twice, "acct-1", 1);

    Verdict verdict = check();
    assertThat(verdict.of(Anomaly.DUPLICATE_DELIVERY)).containsExactly(twice);
    assertThat(verdict.found()).containsExactly(Anomaly.DUPLICATE_DELIVERY);
    assertThat(verdict.valid()).as("at-least-once delivery is allowed").isEqualTo(Validity.VALID);
  }

  @Test
  void aSecondFraudCheckOfATransactionIsProcessedTwice() {
    UUID twice = happy("acct-1", 1);
    checkOnce(twice);

    assertOnly(check(), Anomaly.PROCESSED_TWICE, twice);
  }

  @Test
  void aTransactionPublishedAfterALaterOneOfItsAccountIsOutOfOrder() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    ok(first);
    ok(second);
    commit(first, "acct-1", 1);
    commit(second, "acct-1", 2);
    publish(second, "acct-1", 2);
    publish(first, "acct-1", 1);
    checkOnce(first);
    checkOnce(second);
    happy("acct-2", 1); // another account's order is its own

    assertOnly(check(), Anomaly.OUT_OF_ORDER, first);
  }

  @Test
  void aRedeliveryOfAnEarlierRecordIsNotOutOfOrder() {
    UUID first = happy("acct-1", 1);
    happy("acct-1", 2);
    publish(first, "acct-1", 1);

    Verdict verdict = check();
    assertThat(verdict.found()).containsExactly(Anomaly.DUPLICATE_DELIVERY);
  }

  @Test
  void aPublishedTransactionNeverCheckedIsUnchecked() {
    UUID unchecked = UUID.randomUUID();
    ok(unchecked);
    commit(unchecked, "acct-1", 1);
    publish(unchecked, "acct-1", 1);

    assertOnly(check(), Anomaly.UNCHECKED, unchecked);
  }

  @Test
  void aFailedOperationWhoseTransactionCommittedIsFailedButCommitted() {
    UUID liar = UUID.randomUUID();
    fail(liar);
    commit(liar, "acct-1", 1);
    publish(liar, "acct-1", 1);
    checkOnce(liar);

    assertOnly(check(), Anomaly.FAILED_BUT_COMMITTED, liar);
  }

  @Test
  void anOkOperationWhoseTransactionIsNotCommittedIsOkButNotCommitted() {
    happy("acct-1", 1);
    UUID vanished = UUID.randomUUID();
    ok(vanished);

    assertOnly(check(), Anomaly.OK_BUT_NOT_COMMITTED, vanished);
  }

  @Test
  void aFailedOperationThatDidNotCommitIsFine() {
    happy("acct-1", 1);
    fail(UUID.randomUUID());

    assertThat(check().found()).isEmpty();
  }

  @Test
  void aCheckLaterThanTheBoundAfterHealingIsLate() {
    UUID slow = UUID.randomUUID();
    ok(slow);
    committed.add(new Truth.Committed(slow, UUID.randomUUID(), "acct-1", 1, T0));
    published.add(
        new Truth.Published(
            0, offset++, T0.plusSeconds(30), UUID.randomUUID(), slow, "acct-1", 1, null));
    checks.add(new Truth.Checked(slow, UUID.randomUUID(), T0.plusSeconds(31)));

    Verdict verdict = new Checker().check(ops, truth(), T0.plusSeconds(5));
    assertOnly(verdict, Anomaly.LATE, slow);
    assertThat(verdict.lag().afterHealMs()).as("26 s after the heal").isEqualTo(26_000L);
  }

  @Test
  void aMalformedRecordIsCountedButIsNoAnomalyOfTheStrategy() {
    happy("acct-1", 1);
    published.add(new Truth.Published(0, offset++, T0, null, null, null, 0, "not JSON"));

    Verdict verdict = check();
    assertThat(verdict.found()).isEmpty();
    assertThat(verdict.counts().malformedRecords()).isEqualTo(1L);
  }

  @Test
  void aCheckerThatCannotReadSaysUnknownAndNeverThrows() {
    happy("acct-1", 1);

    Verdict verdict = new Checker().check(ops, null, null);
    assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(verdict.reason()).as("it says why").contains("checker failed");
  }

  // --- the hand-made history and truth ---

  private UUID happy(String account, long sequence) {
    UUID id = UUID.randomUUID();
    ok(id);
    commit(id, account, sequence);
    publish(id, account, sequence);
    checkOnce(id);
    return id;
  }

  private void ok(UUID id) {
    complete(id, Op.Type.OK);
  }

  private void fail(UUID id) {
    complete(id, Op.Type.FAIL);
  }

  private void info(UUID id) {
    complete(id, Op.Type.INFO);
  }

  private void complete(UUID id, Op.Type type) {
    ops.add(new Op(ops.size(), "0", Op.Type.INVOKE, "record", "r", id, ops.size(), null));
    ops.add(new Op(ops.size(), "0", type, "record", "r", id, ops.size(), null));
  }

  private void commit(UUID id, String account, long sequence) {
    committed.add(new Truth.Committed(id, UUID.randomUUID(), account, sequence, T0));
  }

  private void publish(UUID id, String account, long sequence) {
    published.add(
        new Truth.Published(
            0, offset++, T0.plusMillis(5), UUID.randomUUID(), id, account, sequence, null));
  }

  private void checkOnce(UUID id) {
    checks.add(new Truth.Checked(id, UUID.randomUUID(), T0.plusMillis(10)));
  }

  private Truth truth() {
    return new Truth(committed, published, checks);
  }

  private Verdict check() {
    return new Checker().check(ops, truth(), null);
  }

  private static void assertOnly(Verdict verdict, Anomaly anomaly, UUID id) {
    assertThat(verdict.of(anomaly))
        .as(anomaly.label() + " names the transaction")
        .containsExactly(id);
    assertThat(verdict.found())
        .as("and no other anomaly: " + verdict.summary())
        .containsExactly(anomaly);
    assertThat(verdict.valid()).isEqualTo(Validity.INVALID);
  }
}
