package dualwrite.chaos.property;

import org.junit.jupiter.api.Tag;

/** The workshop: send-in-transaction held to a fix's contract, so the build shows how it breaks. */
@Tag("workshop")
class NaiveSendInTransactionContractTest extends DualWriteContract {
  @Override
  protected String variant() {
    return "naive/send-in-transaction";
  }
}
