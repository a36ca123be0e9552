package dualwrite.bank.spi;

/**
 * A service did not become ready to do its job within the time it was given, or was down: traffic
 * started now would find nobody to carry it, and faults injected now would hit nothing.
 */
public final class ServiceNotReady extends RuntimeException {

  public ServiceNotReady(String message) {
    super(message);
  }
}
