package dualwrite.chaos.nemesis;

import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.spi.Service;
import dualwrite.bank.spi.ServiceNotReady;
import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.history.FaultSpan;
import dualwrite.chaos.history.History;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.scenario.Step;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Breaks things on purpose: network faults through the Toxiproxy API (so a real Toxiproxy can take
 * the fault proxy's place), crashes at crash points, kills and restarts of services, and server
 * faults. Every action is written to the history as a nemesis operation, so a report can shade the
 * fault windows.
 *
 * <p>It takes each step and hands it to the part that knows that kind of fault: {@link
 * ProxyFaults}, {@link ArmedPoints}, {@link ServerFaults}, {@link ClusterFaults}; kills and
 * restarts it does itself.
 */
public final class Nemesis {

  private static final Logger log = LoggerFactory.getLogger(Nemesis.class);

  private final LabEnvironment environment;
  private final Crashes crashes;
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final History history;
  private final ProxyFaults proxies;
  private final ServerFaults servers;
  private final ArmedPoints armed;
  private final ClusterFaults cluster;

  public Nemesis(
      LabEnvironment environment, Crashes crashes, List<Service> services, History history) {
    this(environment, crashes, services, history, null);
  }

  /**
   * @param eventsTopic the run's events topic, whose leader the cluster steps target; null when the
   *     run takes none
   */
  public Nemesis(
      LabEnvironment environment,
      Crashes crashes,
      List<Service> services,
      History history,
      String eventsTopic) {
    this.environment = environment;
    this.cluster = eventsTopic == null ? null : new ClusterFaults(environment, eventsTopic);
    this.crashes = crashes;
    services.forEach(service -> this.services.put(service.name(), service));
    this.history = history;
    this.proxies = new ProxyFaults(environment);
    this.servers = new ServerFaults(environment);
    this.armed = new ArmedPoints(crashes, history, proxies);
  }

  /**
   * Takes one nemesis step.
   *
   * @throws IllegalArgumentException for a step that names an unknown service or crash point
   * @throws UnsupportedOperationException for a server fault the backend cannot do
   */
  public void apply(Step step) {
    history.nemesis(Op.Type.INVOKE, kind(step), step, null);
    try {
      act(step);
      if (cluster != null) {
        cluster.acted(step);
      }
      history.nemesis(Op.Type.OK, kind(step), step, null);
    } catch (RuntimeException e) {
      history.nemesis(Op.Type.FAIL, kind(step), step, e.toString());
      throw e;
    }
  }

  private void act(Step step) {
    if (step instanceof Step.Inject inject) {
      proxies.inject(inject.fault());
    } else if (step instanceof Step.Heal heal) {
      proxies.heal(heal.link());
    } else if (step instanceof Step.HealAll) {
      proxies.reset();
    } else if (step instanceof Step.AtPoint at) {
      armed.arm(at, point(at.service(), at.point()));
    } else if (step instanceof Step.Kill kill) {
      service(kill.service()).crash();
    } else if (step instanceof Step.Restart restart) {
      // Never waits for the service to be ready: a fault may be on that keeps it from ever being.
      service(restart.service()).start();
    } else if (step instanceof Step.ServerFault fault) {
      servers.apply(fault);
    } else if (step instanceof Step.AwaitArmed await) {
      armed.await(await);
    } else if (step instanceof Step.AwaitReady ready) {
      awaitReady(ready);
    } else if (step.needsCluster()) {
      clusterStep(step);
    } else {
      throw new IllegalArgumentException(step.describe() + " is not a nemesis step");
    }
  }

  /**
   * Ends every fault: every proxy enabled and every toxic removed, stopped servers started, paused
   * ones resumed, armed crash points disarmed, and every service that is down restarted.
   */
  public void healEverything() {
    history.add(Op.NEMESIS, Op.Type.INVOKE, Op.HEAL_EVERYTHING, "heal everything", null, null);
    healEnvironment();
    // No wait for readiness here either: settling waits for what matters, every event delivered.
    services.values().forEach(Service::start);
    history.add(Op.NEMESIS, Op.Type.OK, Op.HEAL_EVERYTHING, "heal everything", null, null);
  }

  /**
   * After a run failed half-way: leaves the shared proxies and servers as the run found them, so
   * that the next run in this JVM does not inherit its faults. Never throws; what fails here is
   * added to the run's own error.
   */
  public void restoreAfter(Throwable failure) {
    try {
      healEnvironment();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private void healEnvironment() {
    if (cluster != null) {
      cluster.healed();
    }
    armed.disarmAll();
    proxies.reset();
    servers.heal();
  }

  /** A step that needs a cluster: on one broker, between brokers, or on the events topic. */
  private void clusterStep(Step step) {
    if (environment.brokers() < 2) {
      throw new UnsupportedOperationException(
          step.describe() + " needs a Kafka cluster: run with --brokers 3");
    }
    if (cluster == null) {
      throw new IllegalStateException(step.describe() + ": the nemesis was given no events topic");
    }
    if (step instanceof Step.Configure configure) {
      cluster.configure(configure.settings());
      return;
    }
    if (step instanceof Step.AwaitInSync await) {
      cluster
          .awaitInSync(await.maxMillis())
          .ifPresent(behind -> history.nemesis(Op.Type.INFO, Op.OUT_OF_SYNC, step, behind));
      return;
    }
    String named =
        step instanceof Step.BrokerFault fault ? fault.broker() : ((Step.Isolate) step).broker();
    ResolvedBroker broker = cluster.resolve(named);
    if (broker.found() != null) {
      history.nemesis(Op.Type.INFO, Op.TARGETED, step, broker.found());
    }
    if (step instanceof Step.Isolate isolate) {
      cluster.isolate(broker.id(), isolate.replicationOnly());
      return;
    }
    servers.onBroker(broker.id(), ((Step.BrokerFault) step).action());
  }

  /**
   * The service of that name; a component's label ({@code relay}) also names its first service
   * ({@code relay-1}), so one scenario fits deployments with one relay or several.
   */
  private Service service(String name) {
    Service service = services.get(name);
    if (service == null) {
      service =
          services.values().stream()
              .filter(s -> s.component().label().equals(name))
              .findFirst()
              .orElse(null);
    }
    if (service == null) {
      throw new IllegalArgumentException(
          "no service '" + name + "' in this deployment; its services: " + services.keySet());
    }
    return service;
  }

  private CrashPoint point(String serviceName, String pointName) {
    Service service = service(serviceName);
    return service.crashPoints().stream()
        .filter(point -> point.name().equals(pointName))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    serviceName
                        + " has no crash point '"
                        + pointName
                        + "'; its points: "
                        + service.crashPoints().stream().map(CrashPoint::name).toList()));
  }

  /**
   * Waits for the service to be ready; one still not ready when the time is up is left as it is.
   */
  private void awaitReady(Step.AwaitReady step) {
    try {
      service(step.service()).awaitReady(Duration.ofMillis(step.maxMillis()));
    } catch (ServiceNotReady e) {
      log.info("{} not ready after {} ms; the scenario goes on", step.service(), step.maxMillis());
    }
  }

  private static String kind(Step step) {
    if (step instanceof Step.ServerFault fault) {
      return "server-" + fault.action().label();
    }
    if (step instanceof Step.AtPoint) {
      return "arm-" + FaultSpan.kindOf(step);
    }
    if (step instanceof Step.HealAll) {
      return "heal";
    }
    if (step instanceof Step.AwaitArmed) {
      return "await-armed";
    }
    if (step instanceof Step.AwaitReady) {
      return "await-ready";
    }
    if (step instanceof Step.BrokerFault fault) {
      return "broker-" + fault.action().label();
    }
    if (step instanceof Step.AwaitInSync) {
      return "await-in-sync";
    }
    return step.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
