package dualwrite.chaos.grade;

/**
 * Where the command line of the {@code workshop/relay-command} variant comes from: the system
 * property {@value #PROPERTY} ({@code ./lab grade relay --command} sets it), else the environment
 * variable {@value #VARIABLE}.
 */
public final class RelayCommand {

  /** The system property that holds the command line. */
  public static final String PROPERTY = "lab.relay.command";

  /** The environment variable that holds it when the property is not set. */
  public static final String VARIABLE = "LAB_RELAY_COMMAND";

  private RelayCommand() {}

  /**
   * @throws IllegalArgumentException when neither says which program to run
   */
  static String fromSettings() {
    String command = System.getProperty(PROPERTY);
    if (command == null || command.isBlank()) {
      command = System.getenv(VARIABLE);
    }
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException(
          "workshop/relay-command runs your program as the relay: say which with --command"
              + " \"<command line>\" (or "
              + VARIABLE
              + "=\"<command line>\")");
    }
    return command;
  }
}
