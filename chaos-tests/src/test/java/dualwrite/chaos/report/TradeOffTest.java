package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.checker.Checker;
import org.junit.jupiter.api.Test;

/** How the report words and colours the two figures, at their edges. */
class TradeOffTest {

  @Test
  void availabilityIsGreenOnlyWhenEveryRequestWasAcceptedAndRedFromHalfRefused() {
    assertThat(figures(12, 12, 1.0).availabilityTone()).isEqualTo("all");
    assertThat(figures(12, 11, 11 / 12.0).availabilityTone()).isEqualTo("some");
    assertThat(figures(4, 2, 0.5).availabilityTone()).as("half refused").isEqualTo("most");
    assertThat(figures(4, 0, 0.0).availabilityTone()).isEqualTo("most");
    assertThat(TradeOff.NONE.availabilityTone()).as("not measured").isEqualTo("none");
  }

  @Test
  void availabilityReadsAsAPercentAndAsRequestsRefused() {
    assertThat(figures(4, 2, 0.5).availabilityText()).isEqualTo("50%");
    assertThat(figures(12, 8, 8 / 12.0).availabilityText()).isEqualTo("66.7%");
    assertThat(figures(4, 2, 0.5).customers()).isEqualTo("refused 2 of 4");
    assertThat(figures(12, 12, 1.0).customers()).isEqualTo("accepted all 12");
    assertThat(TradeOff.NONE.customers()).isEqualTo("\u2014");
  }

  @Test
  void theDelayIsColouredBySecondAndDeliveryBoundAndEventsThatNeverGotThroughAreRed() {
    long bound = Checker.DELIVERY_BOUND.toMillis();
    assertThat(delay(TradeOff.SHORT_MS, 0, 0).delayTone()).isEqualTo("short");
    assertThat(delay(TradeOff.SHORT_MS + 1, 0, 0).delayTone()).isEqualTo("long");
    assertThat(delay(bound, 0, 0).delayTone()).isEqualTo("long");
    assertThat(delay(bound + 1, 0, 0).delayTone()).isEqualTo("late");
    assertThat(delay(20, 1, 0).delayTone())
        .as("a lost event is never delivered")
        .isEqualTo("never");
    assertThat(delay(20, 0, 1).delayTone()).as("nor an unchecked one").isEqualTo("never");
    assertThat(TradeOff.NONE.delayTone()).isEqualTo("none");
  }

  @Test
  void theFraudServiceLineSaysWhatNeverGotThroughThenHowFastTheRestCaughtUp() {
    assertThat(delay(2900, 0, 0).fraudService()).isEqualTo("caught up 2.90 s after the heal");
    assertThat(delay(30, 2, 0).fraudService())
        .isEqualTo("lost 2; the rest caught up 30.0 ms after the heal");
    assertThat(delay(30, 2, 1).fraudService())
        .isEqualTo("lost 2, unchecked 1; the rest caught up 30.0 ms after the heal");
    assertThat(new TradeOff(4, 2, 0.5, null, 0, 2).fraudService())
        .as("nothing was checked")
        .isEqualTo("unchecked 2");
    assertThat(new TradeOff(4, 4, 1.0, null, 0, 0).fraudService())
        .as("nothing was broken")
        .isEqualTo("\u2014");
  }

  private static TradeOff figures(long requests, long accepted, double availability) {
    return new TradeOff(requests, accepted, availability, 100L, 0, 0);
  }

  private static TradeOff delay(long millis, int lost, int unchecked) {
    return new TradeOff(10, 10, 1.0, millis, lost, unchecked);
  }
}
