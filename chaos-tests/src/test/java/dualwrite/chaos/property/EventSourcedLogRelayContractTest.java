package dualwrite.chaos.property;

/** Event sourcing with the gap-safe log relay keeps every promise under generated faults. */
class EventSourcedLogRelayContractTest extends DualWriteContract {
  @Override
  protected String variant() {
    return "event-sourced/log-relay";
  }
}
