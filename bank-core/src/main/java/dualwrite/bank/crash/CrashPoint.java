package dualwrite.bank.crash;

import dualwrite.bank.Component;
import java.util.Objects;

/**
 * A named place in a component's code where the harness can make it die, as if its process were
 * killed right there: {@code after-db-commit}, {@code after-publish}, ...
 *
 * @param component whose code passes through it
 * @param name a short, stable name, such as {@code after-db-commit}
 * @param description one sentence: what has happened and what has not when it fires
 */
public record CrashPoint(Component component, String name, String description) {

  public CrashPoint {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
  }

  @Override
  public String toString() {
    return name;
  }
}
