package dualwrite.chaos.nemesis;

import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import dualwrite.bank.spi.Service;
import dualwrite.chaos.env.LabEnvironment;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.env.ServerControl;
import dualwrite.chaos.history.FaultSpan;
import dualwrite.chaos.history.History;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.scenario.Fault;
import dualwrite.chaos.scenario.Step;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Breaks things on purpose: network faults through the Toxiproxy API (so a real Toxiproxy can take
 * the fault proxy's place), crashes at crash points, kills and restarts of services, and server
 * faults. Every action is written to the history as a nemesis operation, so a report can shade the
 * fault windows.
 */
public final class Nemesis {

  private final LabEnvironment environment;
  private final Crashes crashes;
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final History history;
  private final Set<Server> paused = EnumSet.noneOf(Server.class);
  private final Set<Integer> pausedBrokers = new TreeSet<>();
  private final ClusterFaults cluster;

  /**
   * The step that armed each point not yet fired or disarmed: what a fire or a disarm is reported
   * as. Guarded by itself; whoever awaits armed points waits on it.
   */
  private final Map<CrashPoint, Step> armed = new HashMap<>();

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
    crashes.onFire(
        point -> {
          Step armedBy = fired(point);
          if (armedBy != null) {
            history.nemesis(Op.Type.INFO, Op.CRASHED, armedBy, null);
          }
        });
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
      inject(inject.fault());
    } else if (step instanceof Step.Heal heal) {
      environment.proxies(heal.link()).forEach(Nemesis::heal);
    } else if (step instanceof Step.HealAll) {
      resetProxies();
    } else if (step instanceof Step.AtPoint at) {
      arm(at);
    } else if (step instanceof Step.Kill kill) {
      service(kill.service()).crash();
    } else if (step instanceof Step.Restart restart) {
      // Never waits for the service to be ready: a fault may be on that keeps it from ever being.
      service(restart.service()).start();
    } else if (step instanceof Step.ServerFault fault) {
      serverFault(fault);
    } else if (step instanceof Step.AwaitArmed await) {
      awaitArmed(await);
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
    // only what was still armed missed: a point that fires right now is reported by its fire
    List<CrashPoint> disarmed = crashes.disarmAll();
    synchronized (armed) {
      for (CrashPoint point : disarmed) {
        Step step = armed.remove(point);
        if (step != null) {
          history.nemesis(Op.Type.INFO, Op.DISARMED, step, "never reached");
        }
      }
      armed.notifyAll();
    }
    resetProxies();
    for (int broker : List.copyOf(pausedBrokers)) {
      pausedBrokers.remove(broker);
      ServerControl node = environment.broker(broker);
      if (node.isRunning()) { // it may have been killed since it froze
        node.resume();
      }
    }
    for (ServerControl server : List.of(environment.postgres(), environment.kafka())) {
      if (paused.remove(server.server())) {
        server.resume();
      }
      if (!server.isRunning()) {
        server.start();
      }
    }
  }

  /** Arms a crash, a stall or a fault at its point; a later arm of the point replaces it. */
  private void arm(Step.AtPoint step) {
    CrashPoint point = point(step.service(), step.point());
    synchronized (armed) {
      Step replaced = armed.put(point, step);
      if (replaced != null) {
        history.nemesis(Op.Type.INFO, Op.DISARMED, replaced, "replaced by " + step.describe());
      }
      if (step instanceof Step.Crash) {
        crashes.arm(point, step.nth());
      } else if (step instanceof Step.Stall stall) {
        crashes.armAction(point, step.nth(), () -> stallHere(point, stall));
      } else if (step instanceof Step.FaultAt at) {
        crashes.armAction(point, step.nth(), () -> faultHere(point, at));
      }
    }
  }

  /** Waits until no point is armed any more, or the time is up; says which are still armed. */
  private void awaitArmed(Step.AwaitArmed await) {
    long deadline = System.nanoTime() + await.maxMillis() * 1_000_000L;
    synchronized (armed) {
      while (!armed.isEmpty() && System.nanoTime() < deadline) {
        try {
          armed.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while awaiting armed points", e);
        }
      }
      if (!armed.isEmpty()) {
        history.nemesis(
            Op.Type.INFO,
            Op.STILL_ARMED,
            await,
            armed.values().stream().map(Step::describe).toList().toString());
      }
    }
  }

  /** An armed point fired: whoever awaits armed points looks again. The step that armed it. */
  private Step fired(CrashPoint point) {
    synchronized (armed) {
      Step step = armed.remove(point);
      armed.notifyAll();
      return step;
    }
  }

  private void stallHere(CrashPoint point, Step.Stall stall) {
    fired(point);
    history.nemesis(Op.Type.INVOKE, Op.STALLED, stall, null);
    try {
      Thread.sleep(stall.millis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    history.nemesis(Op.Type.OK, Op.STALLED, stall, null);
  }

  /**
   * Injects an armed fault right where the component is. A fault the proxy refuses is written as
   * failed (it did not land) and never thrown into the component, whose work it is not.
   */
  private void faultHere(CrashPoint point, Step.FaultAt at) {
    fired(point);
    history.nemesis(Op.Type.INVOKE, Op.FAULT_FIRED, at, null);
    try {
      inject(at.fault());
      history.nemesis(Op.Type.OK, Op.FAULT_FIRED, at, null);
    } catch (RuntimeException e) {
      history.nemesis(Op.Type.FAIL, Op.FAULT_FIRED, at, e.toString());
    }
  }

  private void inject(Fault fault) {
    try {
      for (Proxy proxy : environment.proxies(fault.link())) {
        if (fault instanceof Fault.Toxic toxic) {
          addToxic(proxy, toxic);
        } else {
          proxy.disable();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the fault proxy refused " + fault.describe(), e);
    }
  }

  private static void addToxic(Proxy proxy, Fault.Toxic fault) throws IOException {
    String name = fault.toxicName();
    ToxicDirection direction =
        fault.stream().equals("upstream") ? ToxicDirection.UPSTREAM : ToxicDirection.DOWNSTREAM;
    Map<String, Long> a = fault.attributes();
    Toxic toxic =
        switch (fault.type()) {
          case "latency" -> {
            Latency latency =
                proxy.toxics().latency(name, direction, a.getOrDefault("latency", 0L));
            if (a.getOrDefault("jitter", 0L) > 0) {
              latency.setJitter(a.get("jitter"));
            }
            yield latency;
          }
          case "bandwidth" -> proxy.toxics().bandwidth(name, direction, a.getOrDefault("rate", 0L));
          case "slow_close" ->
              proxy.toxics().slowClose(name, direction, a.getOrDefault("delay", 0L));
          case "timeout" -> proxy.toxics().timeout(name, direction, a.getOrDefault("timeout", 0L));
          case "reset_peer" ->
              proxy.toxics().resetPeer(name, direction, a.getOrDefault("timeout", 0L));
          case "limit_data" ->
              proxy.toxics().limitData(name, direction, a.getOrDefault("bytes", 0L));
          case "slicer" -> {
            Slicer slicer =
                proxy
                    .toxics()
                    .slicer(
                        name,
                        direction,
                        a.getOrDefault("average_size", 0L),
                        a.getOrDefault("delay", 0L));
            if (a.getOrDefault("size_variation", 0L) > 0) {
              slicer.setSizeVariation(a.get("size_variation"));
            }
            yield slicer;
          }
          default -> throw new IllegalArgumentException("unknown toxic type " + fault.type());
        };
    if (fault.toxicity() < 1.0) {
      toxic.setToxicity((float) fault.toxicity());
    }
  }

  private static void heal(Proxy proxy) {
    try {
      for (Toxic toxic : proxy.toxics().getAll()) {
        toxic.remove();
      }
      proxy.enable();
    } catch (IOException e) {
      throw new UncheckedIOException("the fault proxy refused to heal " + proxy.getName(), e);
    }
  }

  private void resetProxies() {
    try {
      environment.toxiproxy().reset();
    } catch (IOException e) {
      throw new UncheckedIOException("the fault proxy refused to reset", e);
    }
  }

  private void serverFault(Step.ServerFault fault) {
    ServerControl server =
        fault.server() == Server.POSTGRES ? environment.postgres() : environment.kafka();
    switch (fault.action()) {
      case STOP, STOP_IMMEDIATE, KILL -> {
        paused.remove(fault.server());
        if (fault.server() == Server.KAFKA) {
          pausedBrokers.clear(); // every broker goes, frozen ones too
        }
        server.stop(fault.action().stopMode());
      }
      case PAUSE -> {
        server.pause();
        paused.add(fault.server());
      }
      case RESUME -> {
        server.resume();
        paused.remove(fault.server());
      }
      case START -> server.start();
    }
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
    Step.BrokerFault fault = (Step.BrokerFault) step;
    ServerControl server = environment.broker(broker.id());
    switch (fault.action()) {
      case STOP, STOP_IMMEDIATE, KILL -> {
        pausedBrokers.remove(broker.id());
        server.stop(fault.action().stopMode());
      }
      case PAUSE -> {
        server.pause();
        pausedBrokers.add(broker.id());
      }
      case RESUME -> {
        server.resume();
        pausedBrokers.remove(broker.id());
      }
      case START -> server.start();
    }
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
    if (step instanceof Step.BrokerFault fault) {
      return "broker-" + fault.action().label();
    }
    if (step instanceof Step.AwaitInSync) {
      return "await-in-sync";
    }
    return step.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
