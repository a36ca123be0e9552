package dualwrite.chaos.property;

/** The transactional outbox with a polling relay keeps every promise under generated faults. */
class OutboxPollingContractTest extends DualWriteContract {
  @Override
  protected String variant() {
    return "outbox/polling";
  }
}
