package dualwrite.chaos.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dualwrite.bank.fraud.BatchHandler;
import dualwrite.bank.spi.LearnerClasses;
import dualwrite.eventsourced.Cursor;
import dualwrite.workshop.FraudInbox;
import dualwrite.workshop.OutboxRelay;
import org.junit.jupiter.api.Test;

/**
 * Each life of a learner's service loads the workshop's classes afresh, so that a kill loses static
 * fields as a killed process would, while the lab's own types (the seams) stay shared.
 */
class LearnerClassesTest {

  @Test
  void everyLifeHasClassesOfItsOwnAndStaticsCannotSurviveAKill() {
    Object first = LearnerClasses.fresh(OutboxRelay.class.getName(), Object.class);
    Object second = LearnerClasses.fresh(OutboxRelay.class.getName(), Object.class);

    assertThat(first.getClass().getName()).isEqualTo(OutboxRelay.class.getName());
    assertThat(first.getClass()).as("two lives, two classes").isNotSameAs(second.getClass());
    assertThat(first.getClass()).as("not the lab's copy").isNotSameAs(OutboxRelay.class);
  }

  @Test
  void theSeamsStayTheLabsSoTheLabCanCallTheLearnersCode() {
    BatchHandler inbox = LearnerClasses.fresh(FraudInbox.class.getName(), BatchHandler.class);
    Cursor cursor = LearnerClasses.fresh("dualwrite.workshop.LedgerCursor", Cursor.class);

    assertThat(inbox.getClass()).isNotSameAs(FraudInbox.class);
    assertThat(cursor).isNotNull();
  }

  @Test
  void aMissingClassIsNamed() {
    assertThatThrownBy(() -> LearnerClasses.fresh("dualwrite.workshop.NoSuchThing", Object.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dualwrite.workshop.NoSuchThing is not on the classpath");
  }
}
