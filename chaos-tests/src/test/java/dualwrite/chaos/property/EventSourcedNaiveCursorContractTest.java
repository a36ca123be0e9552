package dualwrite.chaos.property;

import org.junit.jupiter.api.Tag;

/** The workshop: the id-cursor relay held to a fix's contract, so the build shows the gap trap. */
@Tag("workshop")
class EventSourcedNaiveCursorContractTest extends DualWriteContract {
  @Override
  protected String variant() {
    return "event-sourced/naive-cursor";
  }
}
