package dualwrite.chaos.property;

import org.junit.jupiter.api.Tag;

/** The workshop: db-then-kafka held to a fix's contract, so the build shows how it breaks. */
@Tag("workshop")
class NaiveDbThenKafkaContractTest extends DualWriteContract {
  @Override
  protected String variant() {
    return "naive/db-then-kafka";
  }
}
