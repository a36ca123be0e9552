package dualwrite.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.run.RunFolder;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trade-off's two figures on hand-made runs: availability (the share of requests answered ok)
 * and the delay after healing (how long after the last landed fault ended the fraud service had
 * checked everything that got through). The same Kafka outage costs the naive bank its customers
 * and the outbox only time.
 */
class TradeOffFiguresTest {

  @Test
  void availabilityIsTheShareOfRequestsAnsweredOkWhateverTheTruthSays() {
    Story story = new Story();
    story.transaction(10, 20L, Op.Type.OK, 15L, 30L, 40L);
    story.transaction(50, 60L, Op.Type.OK, 55L, 70L, 80L);
    // told it failed, though it committed: still refused, as its customer saw it
    story.transaction(90, 100L, Op.Type.FAIL, 95L, null, null);
    story.transaction(110, 120L, Op.Type.INFO, null, null, null);
    story.transaction(130, null, Op.Type.OK, null, null, null); // never answered

    Verdict verdict = new Checker().check(story.observation(true, Story.NAIVE_LINKS));

    assertThat(verdict.availability()).as("2 ok of 5 requests").isCloseTo(0.4, within(1e-9));
  }

  @Test
  void aRunWithoutRequestsHasNoAvailability() {
    Verdict verdict = new Checker().check(new Story().observation(true, Story.NAIVE_LINKS));

    assertThat(verdict.availability()).as("no request, no share").isNull();
  }

  @Test
  void theNaiveBankRefusesDuringAKafkaOutageAndWhatGetsThroughIsNotDelayed() {
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.BANK_KAFKA)))
            .step(1000, new Step.Heal(Story.BANK_KAFKA));
    // db-then-kafka during the outage: committed, refused, its event lost
    story.transaction(200, 700L, Op.Type.FAIL, 210L, null, null);
    story.transaction(300, 800L, Op.Type.FAIL, 310L, null, null);
    // after the heal: straight through
    story.transaction(1100, 1120L, Op.Type.OK, 1110L, 1115L, 1140L);
    story.transaction(1200, 1220L, Op.Type.OK, 1210L, 1215L, 1235L);

    Verdict verdict = new Checker().check(story.observation(true, Story.NAIVE_LINKS, 1300L));

    assertThat(verdict.valid()).isEqualTo(Validity.INVALID);
    assertThat(verdict.of(Anomaly.LOST)).hasSize(2);
    assertThat(verdict.availability()).as("refused 2 of 4").isCloseTo(0.5, within(1e-9));
    assertThat(verdict.delayAfterHealMs())
        .as("the lost events are no delay, they are the anomalies; the rest took 30 ms")
        .isEqualTo(30L);
  }

  @Test
  void theOutboxAcceptsEveryRequestDuringTheOutageAndDeliversItsBacklogAfterTheHeal() {
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.RELAY_KAFKA)))
            .step(1000, new Step.Heal(Story.RELAY_KAFKA));
    story.transaction(200, 220L, Op.Type.OK, 210L, 1400L, 1500L);
    story.transaction(300, 320L, Op.Type.OK, 310L, 1450L, 1700L);
    story.transaction(1100, 1120L, Op.Type.OK, 1110L, 1130L, 1150L);

    // the final heal-everything comes after the clients are idle, long after the relay's link
    Verdict verdict = new Checker().check(story.observation(true, Story.OUTBOX_LINKS, 3000L));

    assertThat(verdict.valid()).as(verdict.summary()).isEqualTo(Validity.VALID);
    assertThat(verdict.availability()).as("every request accepted").isEqualTo(1.0);
    assertThat(verdict.delayAfterHealMs())
        .as("from heal(relay->kafka) at 1 s to the backlog's last check at 1.7 s")
        .isEqualTo(700L);
    assertThat(verdict.lag().afterHealMs())
        .as("the lag's figure counts from the final heal-everything, when all was long checked")
        .isZero();
  }

  @Test
  void aTransactionCommittedAfterTheHealWaitsFromItsCommitNotFromTheHeal() {
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.RELAY_KAFKA)))
            .step(1000, new Step.Heal(Story.RELAY_KAFKA));
    story.transaction(200, 220L, Op.Type.OK, 210L, 1010L, 1040L); // the backlog: 40 ms
    story.transaction(5000, 5010L, Op.Type.OK, 5005L, 5050L, 5095L); // its own lag: 90 ms

    Verdict verdict = new Checker().check(story.observation(true, Story.OUTBOX_LINKS, 5100L));

    assertThat(verdict.delayAfterHealMs())
        .as("90 ms of its own lag, not the 4.1 s since the heal")
        .isEqualTo(90L);
  }

  @Test
  void theHealIsWhenTheLastLandedFaultEndedAndAFaultThatMissedDelaysNothing() {
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.RELAY_KAFKA)))
            .step(1000, new Step.Heal(Story.RELAY_KAFKA))
            // later, a cut of a link the outbox never uses: it misses
            .step(2000, new Step.Inject(new Fault.Down(Story.BANK_KAFKA)))
            .step(3000, new Step.Heal(Story.BANK_KAFKA));
    story.transaction(200, 220L, Op.Type.OK, 210L, 1200L, 1300L);

    Verdict verdict = new Checker().check(story.observation(true, Story.OUTBOX_LINKS, 3100L));

    assertThat(verdict.faults()).extracting(FaultOutcome::landed).containsExactly(true, false);
    assertThat(verdict.delayAfterHealMs())
        .as("counted from the relay's heal at 1 s, not from the missed fault's at 3 s")
        .isEqualTo(300L);
  }

  @Test
  void nothingBrokenOrNothingCheckedGivesNoDelay() {
    Story noFault = new Story();
    noFault.transaction(10, 20L, Op.Type.OK, 15L, 30L, 40L);
    Story missed =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.BANK_KAFKA)))
            .step(400, new Step.Heal(Story.BANK_KAFKA));
    missed.transaction(150, 300L, Op.Type.OK, 200L, 250L, 260L);
    Story nothingChecked =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.BANK_KAFKA)))
            .step(400, new Step.Heal(Story.BANK_KAFKA));
    nothingChecked.transaction(150, 300L, Op.Type.FAIL, 200L, null, null);

    Checker checker = new Checker();
    assertThat(checker.check(noFault.observation(true, Story.NAIVE_LINKS)).delayAfterHealMs())
        .as("no fault")
        .isNull();
    Verdict vacuous = checker.check(missed.observation(true, Story.OUTBOX_LINKS, 500L));
    assertThat(vacuous.valid()).isEqualTo(Validity.VACUOUS);
    assertThat(vacuous.delayAfterHealMs()).as("its only fault missed").isNull();
    assertThat(vacuous.availability()).as("a vacuous run still counts its requests").isEqualTo(1.0);
    assertThat(
            checker
                .check(nothingChecked.observation(true, Story.NAIVE_LINKS, 500L))
                .delayAfterHealMs())
        .as("a fault landed, but nothing was ever checked")
        .isNull();
  }

  @Test
  void anUnsettledRunIsUnknownButKeepsItsFigures() {
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.RELAY_KAFKA)))
            .step(1000, new Step.Heal(Story.RELAY_KAFKA));
    story.transaction(200, 220L, Op.Type.OK, 210L, 1100L, 1250L);
    story.transaction(300, 320L, Op.Type.INFO, 310L, null, null);

    Verdict verdict = new Checker().check(story.observation(false, Story.OUTBOX_LINKS, 1300L));

    assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(verdict.availability()).isCloseTo(0.5, within(1e-9));
    assertThat(verdict.delayAfterHealMs()).isEqualTo(250L);
  }

  @Test
  void withoutTheStartTimeTheDelayCountsFromTheGivenHeal() {
    Story story = new Story();
    story.transaction(200, 220L, Op.Type.OK, 210L, 1100L, 1250L);

    Verdict verdict = new Checker().check(story.ops(), story.truth(), Story.T0.plusMillis(1000));

    assertThat(verdict.delayAfterHealMs()).isEqualTo(250L);
    assertThat(verdict.lag().afterHealMs()).as("the same measure, the same heal").isEqualTo(250L);
  }

  @Test
  void bothFiguresGoToVerdictJsonAndAnOldVerdictWithoutThemReadsAsNull(@TempDir Path dir)
      throws IOException {
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.RELAY_KAFKA)))
            .step(1000, new Step.Heal(Story.RELAY_KAFKA));
    story.transaction(200, 220L, Op.Type.OK, 210L, 1100L, 1250L);
    story.transaction(300, 320L, Op.Type.FAIL, null, null, null);
    Verdict written = new Checker().check(story.observation(true, Story.OUTBOX_LINKS, 1300L));

    Path fresh = Files.createDirectories(dir.resolve("fresh"));
    RunFolder.JSON.writeValue(fresh.resolve("verdict.json").toFile(), written);
    String json = Files.readString(fresh.resolve("verdict.json"));
    assertThat(json).contains("\"availability\"").contains("\"delayAfterHealMs\"");
    Verdict read = RunFolder.readVerdict(fresh);
    assertThat(read.availability()).isEqualTo(0.5);
    assertThat(read.delayAfterHealMs()).isEqualTo(250L);

    Path old = Files.createDirectories(dir.resolve("old"));
    Files.writeString(
        old.resolve("verdict.json"),
        """
        {"valid": true, "anomalies": {"lost": []}, "counts": {"ops-invoke": 2, "ops-ok": 2},
         "lag": {"commitToPublish": {"count": 2, "p50": 5.0, "p99": 9.0, "max": 9.0},
                 "commitToCheck": {"count": 2, "p50": 8.0, "p99": 12.0, "max": 12.0},
                 "afterHealMs": 40},
         "unresolved": [], "faults": [], "notes": []}
        """);
    Verdict before = RunFolder.readVerdict(old);
    assertThat(before.valid()).isEqualTo(Validity.VALID);
    assertThat(before.availability()).as("not measured then").isNull();
    assertThat(before.delayAfterHealMs()).as("not measured then").isNull();
    assertThat(before.lag().afterHealMs()).isEqualTo(40L);
    assertThat(before.counts().invoked()).as("the old counts read by name").isEqualTo(2L);
    assertThat(before.counts().ok()).isEqualTo(2L);
    assertThat(before.counts().failed()).as("a count missing is 0").isZero();
  }
}
