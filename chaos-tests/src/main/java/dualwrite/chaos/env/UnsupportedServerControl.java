package dualwrite.chaos.env;

/** Server faults on a server the lab does not own: every one is refused with the reason. */
final class UnsupportedServerControl implements ServerControl {

  private final Server server;
  private final String reason;

  UnsupportedServerControl(Server server, String reason) {
    this.server = server;
    this.reason = reason;
  }

  @Override
  public Server server() {
    return server;
  }

  @Override
  public void stop(Stop how) {
    throw refused("stop");
  }

  @Override
  public void start() {
    throw refused("start");
  }

  @Override
  public void pause() {
    throw refused("pause");
  }

  @Override
  public void resume() {
    throw refused("resume");
  }

  @Override
  public boolean isRunning() {
    return true;
  }

  private UnsupportedOperationException refused(String what) {
    return new UnsupportedOperationException("cannot " + what + " " + server + ": " + reason);
  }
}
