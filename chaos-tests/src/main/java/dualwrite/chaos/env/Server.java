package dualwrite.chaos.env;

import java.util.Locale;

/** A server that the bank's components depend on. */
public enum Server {
  POSTGRES,
  KAFKA;

  /** The lower-case name used in links and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}
