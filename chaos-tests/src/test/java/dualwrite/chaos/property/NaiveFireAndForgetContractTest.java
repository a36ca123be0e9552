package dualwrite.chaos.property;

import org.junit.jupiter.api.Tag;

/** The workshop: fire-and-forget held to a fix's contract, so the build shows how it breaks. */
@Tag("workshop")
class NaiveFireAndForgetContractTest extends DualWriteContract {
  @Override
  protected String variant() {
    return "naive/fire-and-forget";
  }
}
