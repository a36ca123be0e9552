package dualwrite.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.bank.Component;
import dualwrite.chaos.checker.Verdict.Validity;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Step;
import dualwrite.chaos.scenario.Step.ServerFault.Action;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The definition of a landed fault (docs/09), on hand-made runs: a fault lands only when the
 * component it targets was doing that work while it was on, and a run whose faults all missed is
 * vacuous, never valid.
 */
class FaultsLandOnlyOnWorkTest {

  @Test
  void aLinkFaultLandsWhenTheComponentBehindItHadABacklogWhileItWasOn() {
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.RELAY_KAFKA)))
            .step(400, new Step.Heal(Story.RELAY_KAFKA));
    story.transaction(150, 160L, 200L, 500L, 520L); // committed during the cut, published after

    FaultOutcome outcome = only(story.outcomes(Story.OUTBOX_LINKS));

    assertThat(outcome.landed()).as("the relay had an event to publish: %s", outcome).isTrue();
    assertThat(outcome.evidence())
        .as("the evidence names the relay's backlog")
        .contains("relay")
        .contains("waiting to be published");
    assertThat(outcome.kind()).isEqualTo("down");
    assertThat(outcome.target()).isEqualTo("relay->kafka");
  }

  @Test
  void aLinkFaultOnAnIdleComponentMisses() {
    Story story =
        new Story()
            .step(100, new Step.Inject(Fault.Toxic.latency(Story.RELAY_KAFKA, 300)))
            .step(400, new Step.Heal(Story.RELAY_KAFKA));
    story.transaction(10, 20L, 15L, 30L, 40L); // all done before the fault
    story.transaction(500, 510L, 505L, 520L, 530L); // all after it

    FaultOutcome outcome = only(story.outcomes(Story.OUTBOX_LINKS));

    assertThat(outcome.landed()).as("nothing waited for the relay: %s", outcome).isFalse();
    assertThat(outcome.evidence()).contains("no work for relay");
  }

  @Test
  void aFaultOnALinkTheDeploymentNeverUsesCannotLand() {
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.BANK_KAFKA)))
            .step(400, new Step.Heal(Story.BANK_KAFKA));
    story.transaction(150, 300L, 200L, 250L, 260L); // the bank was busy, but not with Kafka

    FaultOutcome outcome = only(story.outcomes(Story.OUTBOX_LINKS));

    assertThat(outcome.landed()).as("the outbox's bank never talks to Kafka").isFalse();
    assertThat(outcome.evidence()).contains("nothing in this deployment connects through");
    assertThat(only(story.outcomes(null)).landed())
        .as("without knowing the links in use, an open request is the bank's work")
        .isTrue();
  }

  @Test
  void anArmedCrashLandsWhenItsPointIsReachedAndMissesWhenItIsDisarmedFirst() {
    Step.Crash reached = new Step.Crash("relay-1", "after-publish", 1);
    Step.Crash missed = new Step.Crash("fraud", "after-db-commit", 6);
    Story story =
        new Story()
            .step(10, reached)
            .step(20, missed)
            .point(50, Op.CRASHED, reached)
            .step(90, new Step.Restart("relay-1"))
            .point(100, Op.DISARMED, missed)
            .healEverything(101);

    List<FaultOutcome> outcomes = story.outcomes(Story.OUTBOX_LINKS);

    assertThat(outcomes).extracting(FaultOutcome::landed).containsExactly(true, false);
    assertThat(outcomes.get(0).target()).isEqualTo("relay:after-publish");
    assertThat(outcomes.get(0).evidence()).contains("reached relay:after-publish at 0.05 s");
    assertThat(outcomes.get(1).evidence())
        .as("it says the point was never reached")
        .contains("never reached")
        .contains("fraud:after-db-commit");
  }

  @Test
  void aPointReachedBeforeTheNemesisWroteItsOkStillLanded() {
    // the component passes the point between the arm's invoke and its ok
    Step.Crash crash = new Step.Crash("bank", "after-db-commit", 1);
    Story story =
        new Story()
            .invoke(10, crash)
            .point(11, Op.CRASHED, crash)
            .ok(12, crash)
            .step(50, new Step.Restart("bank"));

    FaultOutcome outcome = only(story.outcomes(Story.OUTBOX_LINKS));

    assertThat(outcome.landed()).as("the crash fired: %s", outcome).isTrue();
  }

  @Test
  void aPointThatFiresAsTheHealDisarmsTheOthersStillLanded() {
    Step.Crash fired = new Step.Crash("relay-1", "after-publish", 1);
    Step.Crash disarmed = new Step.Crash("fraud", "after-db-commit", 1);
    Story story =
        new Story()
            .step(10, fired)
            .step(11, disarmed)
            .point(100, Op.DISARMED, disarmed)
            .point(101, Op.CRASHED, fired)
            .healEverything(102);

    assertThat(story.outcomes(Story.OUTBOX_LINKS))
        .extracting(FaultOutcome::landed)
        .as("the fire written after the heal's disarm still counts; only the disarmed one missed")
        .containsExactly(true, false);
  }

  @Test
  void aFaultAtAPointThatTheProxyRefusedDidNotLand() {
    Step.FaultAt at =
        new Step.FaultAt(
            "bank", "before-commit", 1, new Fault.Down(Link.of(Component.BANK, Server.POSTGRES)));
    Story story = new Story().step(10, at).faultRefused(40, at).healEverything(90);

    FaultOutcome outcome = only(story.outcomes(Story.OUTBOX_LINKS));

    assertThat(outcome.landed()).as("reached, but nothing was broken: %s", outcome).isFalse();
    assertThat(outcome.evidence()).contains("could not be set");
  }

  @Test
  void aRestartOfTheOtherRelayDoesNotEndAKill() {
    Story story =
        new Story()
            .step(100, new Step.Kill("relay"))
            .step(110, new Step.Restart("relay-2"))
            .step(500, new Step.Restart("relay-1"));
    story.transaction(200, 210L, 205L, 600L, 610L); // committed while relay-1 was still down

    assertThat(only(story.outcomes(Story.OUTBOX_LINKS)).landed())
        .as(
            "kill(relay) took relay-1 down until restart(relay-1); restart(relay-2) is another relay")
        .isTrue();
  }

  @Test
  void aResumeEndsAPauseAndAStartEndsAStop() {
    Story story =
        new Story()
            .step(100, new Step.ServerFault(Server.KAFKA, Action.PAUSE))
            .step(200, new Step.ServerFault(Server.KAFKA, Action.RESUME))
            .step(300, new Step.ServerFault(Server.POSTGRES, Action.STOP_IMMEDIATE))
            .step(400, new Step.ServerFault(Server.POSTGRES, Action.START));
    story.transaction(250, 260L, 255L, 265L, 270L); // between the two outages only

    assertThat(story.outcomes(Story.OUTBOX_LINKS))
        .extracting(FaultOutcome::landed)
        .as("each outage ended before the only work began, or began after it ended")
        .containsExactly(false, false);
  }

  @Test
  void aStallAndAFaultAtAPointLandWhenTheirPointIsReached() {
    Step.Stall stall = new Step.Stall("bank", "before-commit", 2, 500);
    Step.FaultAt at =
        new Step.FaultAt(
            "fraud",
            "before-db-commit",
            1,
            new Fault.Down(Link.of(Component.FRAUD, Server.POSTGRES)));
    Story story =
        new Story()
            .step(10, stall)
            .step(11, at)
            .fired(40, Op.STALLED, stall)
            .fired(60, Op.FAULT_FIRED, at)
            .healEverything(900);

    assertThat(story.outcomes(Story.OUTBOX_LINKS))
        .extracting(FaultOutcome::kind, FaultOutcome::landed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("stall", true),
            org.assertj.core.groups.Tuple.tuple("fault-at", true));
  }

  @Test
  void aKillLandsWhenTheServiceWasNeededWhileItWasDown() {
    Story needed =
        new Story().step(100, new Step.Kill("fraud")).step(300, new Step.Restart("fraud"));
    needed.transaction(110, 120L, 115L, 150L, 350L); // published while the fraud service was down
    Story idle = new Story().step(100, new Step.Kill("fraud")).step(300, new Step.Restart("fraud"));
    idle.transaction(10, 20L, 15L, 30L, 40L);

    assertThat(only(needed.outcomes(Story.OUTBOX_LINKS)).landed())
        .as("an event waited for its check")
        .isTrue();
    assertThat(only(idle.outcomes(Story.OUTBOX_LINKS)).landed())
        .as("nothing waited for it")
        .isFalse();
  }

  @Test
  void aServerFaultLandsWhenAnyComponentUsingTheServerHadWork() {
    Story story =
        new Story()
            .step(100, new Step.ServerFault(Server.KAFKA, Action.KILL))
            .step(600, new Step.ServerFault(Server.KAFKA, Action.START));
    story.transaction(200, null, null, null, null); // a request the bank never answered

    FaultOutcome outcome = only(story.outcomes(Set.of(Story.BANK_KAFKA)));

    assertThat(outcome.landed()).as("the bank needed Kafka while it was down").isTrue();
    assertThat(outcome.kind()).isEqualTo("kill(kafka)");
    assertThat(only(story.outcomes(Story.OUTBOX_LINKS)).landed())
        .as("in the outbox, the bank never needs Kafka, and nothing else had work")
        .isFalse();
  }

  @Test
  void aFaultOnTheLeaderLastsUntilItsOwnMendAndLandsOnKafkasWork() {
    Step kill = new Step.BrokerFault(Step.LEADER, Action.KILL);
    Step isolate = new Step.Isolate(Step.LEADER, true);
    Story story =
        new Story()
            .step(100, isolate)
            .step(200, kill)
            .step(300, new Step.BrokerFault("kafka-2", Action.START)) // another broker's start
            .step(500, new Step.HealAll())
            .step(700, new Step.BrokerFault(Step.LEADER, Action.START));
    story.transaction(150, 160L, 200L, 800L, 820L); // committed during the fault, published after

    List<FaultOutcome> outcomes = story.outcomes(Story.OUTBOX_LINKS);

    assertThat(outcomes)
        .extracting(FaultOutcome::kind)
        .containsExactly("isolate-replication", "kill(leader)");
    assertThat(outcomes).allSatisfy(o -> assertThat(o.landed()).as(o.toString()).isTrue());
    assertThat(outcomes).extracting(FaultOutcome::target).containsOnly("kafka leader");
    List<dualwrite.chaos.history.FaultSpan> spans =
        dualwrite.chaos.history.FaultSpan.of(story.ops());
    assertThat(spans.get(0).endedBy())
        .as("the network heal ends the isolation")
        .isEqualTo("heal-all");
    assertThat(spans.get(1).endedBy())
        .as("the leader's own start ends its kill, not kafka-2's")
        .isEqualTo("start(leader)");
  }

  @Test
  void healingAWholeLinkEndsAFaultOnItsPartToOneBrokerButNotTheOtherWayRound() {
    Link toBroker2 = Link.toBroker(Component.RELAY, 2);
    Step cutOne = new Step.Inject(new Fault.Down(toBroker2));
    Step cutAll = new Step.Inject(new Fault.Down(Story.RELAY_KAFKA));
    Story story =
        new Story()
            .step(100, cutOne)
            .step(150, cutAll)
            .step(200, new Step.Heal(Link.toBroker(Component.RELAY, 3)))
            .step(300, new Step.Heal(Story.RELAY_KAFKA));

    List<dualwrite.chaos.history.FaultSpan> spans =
        dualwrite.chaos.history.FaultSpan.of(story.ops());

    assertThat(spans)
        .as("a heal of broker 3's link ends neither; the whole link's heal ends both")
        .allSatisfy(span -> assertThat(span.endedBy()).isEqualTo("heal(relay->kafka)"));
  }

  @Test
  void aFaultEndsWhenItsOwnLinkHealsNotAnother() {
    Link bankPostgres = Link.of(Component.BANK, Server.POSTGRES);
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.RELAY_KAFKA)))
            .step(200, new Step.Heal(bankPostgres))
            .healEverything(800);
    story.transaction(300, 310L, 305L, 700L, 710L); // committed after the other link healed

    assertThat(only(story.outcomes(Story.OUTBOX_LINKS)).landed())
        .as("relay->kafka was still cut at 305 ms: heal(bank->postgres) does not end it")
        .isTrue();
  }

  @Test
  void aRunWhoseFaultsAllMissedIsVacuousNeverValid() {
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.RELAY_KAFKA)))
            .step(400, new Step.Heal(Story.RELAY_KAFKA));
    story.transaction(500, 510L, 505L, 520L, 530L);

    Verdict verdict = new Checker().check(story.observation(true, Story.OUTBOX_LINKS));

    assertThat(verdict.valid()).as(verdict.summary()).isEqualTo(Validity.VACUOUS);
    assertThat(verdict.reason()).isEqualTo("none of its 1 faults landed");
    assertThat(verdict.faults()).extracting(FaultOutcome::landed).containsExactly(false);
  }

  @Test
  void oneLandedFaultIsEnoughForAValidVerdict() {
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.RELAY_KAFKA)))
            .step(400, new Step.Heal(Story.RELAY_KAFKA))
            .step(450, new Step.Inject(new Fault.Down(Story.BANK_KAFKA)))
            .step(460, new Step.Heal(Story.BANK_KAFKA));
    story.transaction(150, 160L, 200L, 500L, 520L);

    Verdict verdict = new Checker().check(story.observation(true, Story.OUTBOX_LINKS));

    assertThat(verdict.valid()).as(verdict.summary()).isEqualTo(Validity.VALID);
    assertThat(verdict.landed()).hasSize(1);
  }

  @Test
  void aBrokenPromiseStaysInvalidEvenWhenTheFaultsMissed() {
    Story story =
        new Story()
            .step(100, new Step.Inject(new Fault.Down(Story.BANK_KAFKA)))
            .step(110, new Step.Heal(Story.BANK_KAFKA));
    UUID lost = story.transaction(500, 510L, 505L, null, null);

    Verdict verdict = new Checker().check(story.observation(true, Story.OUTBOX_LINKS));

    assertThat(verdict.valid()).as(verdict.summary()).isEqualTo(Validity.INVALID);
    assertThat(verdict.of(Anomaly.LOST)).containsExactly(lost);
  }

  @Test
  void aRunThatDidNotSettleIsUnknownNeverLost() {
    Story story = new Story();
    story.transaction(10, 20L, 15L, null, null); // still in the outbox when the settle time ran out

    Verdict verdict = new Checker().check(story.observation(false, Story.OUTBOX_LINKS));

    assertThat(verdict.valid()).as(verdict.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(verdict.found()).as("an undecided run names no anomaly").isEmpty();
    assertThat(verdict.reason()).contains("did not settle");
  }

  @Test
  void aRequestNeverAnsweredIsUnresolvedNotSkipped() {
    Story story = new Story();
    UUID open = story.transaction(10, null, 15L, 20L, 30L);

    Verdict verdict = new Checker().check(story.observation(true, Story.OUTBOX_LINKS));

    assertThat(verdict.unresolved())
        .as("the client never heard back; the truth: committed")
        .containsExactly(new Verdict.Unresolved(open, true, false));
  }

  private static FaultOutcome only(List<FaultOutcome> outcomes) {
    assertThat(outcomes).as("one fault").hasSize(1);
    return outcomes.get(0);
  }
}
