package dualwrite.chaos.live;

/** What a request asked that the session's state does not allow: answered 409. */
public final class Conflict extends RuntimeException {
  Conflict(String message) {
    super(message);
  }
}
