package dualwrite.chaos.property;

import org.junit.jupiter.api.Tag;

/** The workshop: kafka-then-db held to a fix's contract, so the build shows how it breaks. */
@Tag("workshop")
class NaiveKafkaThenDbContractTest extends DualWriteContract {
  @Override
  protected String variant() {
    return "naive/kafka-then-db";
  }
}
