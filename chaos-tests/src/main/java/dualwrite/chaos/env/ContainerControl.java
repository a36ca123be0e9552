package dualwrite.chaos.env;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Server faults through the Docker API: stop, kill, pause and start the container. Its ports are
 * bound to fixed host ports, so it comes back on the same address.
 */
final class ContainerControl implements ServerControl {
  private final Server server;
  private final GenericContainer<?> container;
  private final Runnable awaitReady;

  ContainerControl(Server server, GenericContainer<?> container, Runnable awaitReady) {
    this.server = server;
    this.container = container;
    this.awaitReady = awaitReady;
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }

  @Override
  public Server server() {
    return server;
  }

  @Override
  public void stop(Stop how) {
    String id = container.getContainerId();
    if (how == Stop.GRACEFUL) {
      docker().stopContainerCmd(id).withTimeout(30).exec();
    } else {
      docker().killContainerCmd(id).withSignal("KILL").exec();
    }
  }

  @Override
  public void start() {
    docker().startContainerCmd(container.getContainerId()).exec();
    awaitReady.run();
  }

  @Override
  public void pause() {
    docker().pauseContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public void resume() {
    docker().unpauseContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public boolean isRunning() {
    return Boolean.TRUE.equals(
        docker().inspectContainerCmd(container.getContainerId()).exec().getState().getRunning());
  }
}
