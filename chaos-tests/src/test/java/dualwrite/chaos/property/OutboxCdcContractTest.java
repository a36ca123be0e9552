package dualwrite.chaos.property;

/** The transactional outbox with a CDC relay keeps every promise under generated faults. */
class OutboxCdcContractTest extends DualWriteContract {
  @Override
  protected String variant() {
    return "outbox/cdc";
  }
}
