package dualwrite.chaos.env;

/**
 * Server faults for the nemesis: stop, kill, pause and restart a server that the bank depends on. A
 * backend that cannot do one of them (an external server is not ours to kill) throws {@link
 * UnsupportedOperationException} with the reason.
 */
public interface ServerControl {

  /** How a server goes down. */
  enum Stop {
    /** The server's own orderly shutdown (PostgreSQL fast mode, SIGTERM for the broker). */
    GRACEFUL,
    /** PostgreSQL's immediate mode: no checkpoint, crash recovery at the next start. */
    IMMEDIATE,
    /** SIGKILL: the process dies where it stands. */
    KILL
  }

  /** {@code postgres} or {@code kafka}. */
  Server server();

  /** Takes the server down the way {@code how} says and returns when it is down. */
  void stop(Stop how);

  /** Starts the server again on the same address with its data, and waits until it answers. */
  void start();

  /** Freezes the server (SIGSTOP): connections stay open but nothing answers. */
  void pause();

  /** Lets a paused server run again (SIGCONT). */
  void resume();

  /** True while the server process is up (paused counts as up). */
  boolean isRunning();
}
