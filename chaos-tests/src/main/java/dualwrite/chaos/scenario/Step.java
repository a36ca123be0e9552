package dualwrite.chaos.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dualwrite.bank.Component;
import dualwrite.bank.Money;
import dualwrite.bank.TransactionType;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.env.ServerControl;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One step of a scenario. The runner takes them in order: a {@link Record} goes to its client,
 * which works through its own requests concurrently with the other clients; every other step acts
 * at once. Each step describes itself, so a scenario prints as a story: {@code record(acct-2,
 * purchase 40.00)}, {@code latency(relay->kafka, 300ms)}, {@code crash(bank, after-db-commit #2)}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "step")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Step.Record.class, name = "record"),
  @JsonSubTypes.Type(value = Step.Inject.class, name = "inject"),
  @JsonSubTypes.Type(value = Step.Heal.class, name = "heal"),
  @JsonSubTypes.Type(value = Step.HealAll.class, name = "heal-all"),
  @JsonSubTypes.Type(value = Step.Crash.class, name = "crash"),
  @JsonSubTypes.Type(value = Step.FaultAt.class, name = "fault-at"),
  @JsonSubTypes.Type(value = Step.Stall.class, name = "stall"),
  @JsonSubTypes.Type(value = Step.Kill.class, name = "kill"),
  @JsonSubTypes.Type(value = Step.Restart.class, name = "restart"),
  @JsonSubTypes.Type(value = Step.ServerFault.class, name = "server"),
  @JsonSubTypes.Type(value = Step.Wait.class, name = "wait"),
  @JsonSubTypes.Type(value = Step.AwaitClients.class, name = "await-clients"),
  @JsonSubTypes.Type(value = Step.AwaitArmed.class, name = "await-armed"),
  @JsonSubTypes.Type(value = Step.AwaitReady.class, name = "await-ready"),
  @JsonSubTypes.Type(value = Step.BrokerFault.class, name = "broker"),
  @JsonSubTypes.Type(value = Step.Isolate.class, name = "isolate"),
  @JsonSubTypes.Type(value = Step.Configure.class, name = "configure"),
  @JsonSubTypes.Type(value = Step.AwaitInSync.class, name = "await-in-sync")
})
public sealed interface Step {

  /** How the step reads in a scenario's story. */
  String describe();

  /** True for the steps of the nemesis (faults, crashes, heals), false for the workload's. */
  default boolean nemesis() {
    return true;
  }

  /**
   * True for the steps that break something (a network fault, an armed crash, stall or fault, a
   * kill, a server going down), false for those that mend (heals, restarts, starts) or do neither.
   * Every fault of a run either lands or misses, and the verdict says which.
   */
  default boolean breaks() {
    return false;
  }

  /**
   * The component a service belongs to. A service is named after its component, with {@code -N}
   * when a deployment runs several: {@code relay-2} is a relay.
   *
   * @throws IllegalArgumentException for a name that is no component's
   */
  static Component componentOf(String service) {
    return Component.fromLabel(service.replaceAll("-\\d+$", ""));
  }

  /**
   * A step armed at a crash point: it acts (a crash, a stall, a fault) only when the service passes
   * the point for the {@code nth} time, so it lands only if the point is reached.
   */
  sealed interface AtPoint extends Step permits Crash, FaultAt, Stall {
    /** The service whose code passes the point ({@code relay} names the first relay). */
    String service();

    String point();

    int nth();
  }

  /**
   * Client {@code client} asks the bank to record a transaction.
   *
   * @param client which client sends it (0, 1, 2, ...); each client sends its requests in order
   */
  record Record(int client, String account, TransactionType type, long amountMinor)
      implements Step {
    public Record {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(type, "type");
      if (client < 0) {
        throw new IllegalArgumentException("client must be 0 or more: " + client);
      }
      if (amountMinor <= 0) {
        throw new IllegalArgumentException("amount must be positive: " + amountMinor);
      }
    }

    @Override
    public String describe() {
      return "record("
          + account
          + ", "
          + type.label()
          + " "
          + Money.format(amountMinor)
          + (client == 0 ? "" : ", client " + client)
          + ")";
    }

    @Override
    public boolean nemesis() {
      return false;
    }
  }

  /** A network fault starts. */
  record Inject(Fault fault) implements Step {
    public Inject {
      Objects.requireNonNull(fault, "fault");
    }

    @Override
    public boolean breaks() {
      return true;
    }

    @Override
    public String describe() {
      return fault.describe();
    }
  }

  /** Every fault on one link ends: its proxy is enabled and its toxics removed. */
  record Heal(Link link) implements Step {
    public Heal {
      Objects.requireNonNull(link, "link");
    }

    @Override
    public String describe() {
      return "heal(" + link + ")";
    }
  }

  /** Every network fault ends ({@code POST /reset}). */
  record HealAll() implements Step {
    @Override
    public String describe() {
      return "heal-all";
    }
  }

  /**
   * Arms a crash point: the {@code nth} time the service's code passes it from now on, the service
   * dies there. It stays down until a {@link Restart} (or the end of the scenario).
   */
  record Crash(String service, String point, int nth) implements AtPoint {
    public Crash {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(point, "point");
      if (nth < 1) {
        throw new IllegalArgumentException("nth must be 1 or more: " + nth);
      }
    }

    @Override
    public boolean breaks() {
      return true;
    }

    @Override
    public String describe() {
      return "crash(" + service + ", " + point + " #" + nth + ")";
    }
  }

  /**
   * Arms a fault at a crash point: the {@code nth} time the service passes it, the fault starts
   * right there and the service carries on. This is how the lab cuts a link between a COMMIT being
   * sent and its answer.
   */
  record FaultAt(String service, String point, int nth, Fault fault) implements AtPoint {
    public FaultAt {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(point, "point");
      Objects.requireNonNull(fault, "fault");
      if (nth < 1) {
        throw new IllegalArgumentException("nth must be 1 or more: " + nth);
      }
    }

    @Override
    public boolean breaks() {
      return true;
    }

    @Override
    public String describe() {
      return "at(" + service + ", " + point + " #" + nth + ": " + fault.describe() + ")";
    }
  }

  /**
   * Arms a stall at a crash point: the {@code nth} time the service passes it, that thread stops
   * for {@code millis} and then carries on, as in a long garbage-collection pause. A stall before a
   * commit keeps a transaction open while later ones commit: the trap for a relay that reads by id.
   */
  record Stall(String service, String point, int nth, long millis) implements AtPoint {
    public Stall {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(point, "point");
      if (nth < 1 || millis < 0) {
        throw new IllegalArgumentException("nth must be 1 or more and millis 0 or more");
      }
    }

    @Override
    public boolean breaks() {
      return true;
    }

    @Override
    public String describe() {
      return "stall(" + service + ", " + point + " #" + nth + ", " + millis + "ms)";
    }
  }

  /** The service dies now, wherever it is (SIGKILL from outside). */
  record Kill(String service) implements Step {
    public Kill {
      Objects.requireNonNull(service, "service");
    }

    @Override
    public boolean breaks() {
      return true;
    }

    @Override
    public String describe() {
      return "kill(" + service + ")";
    }
  }

  /** A fresh instance of the service starts, if it is down. */
  record Restart(String service) implements Step {
    public Restart {
      Objects.requireNonNull(service, "service");
    }

    @Override
    public String describe() {
      return "restart(" + service + ")";
    }
  }

  /**
   * Waits until a service (restarted, say) is ready again, for at most {@code maxMillis}: a
   * restarted relay that runs as a program of its own needs its process and runtime to start, which
   * on a loaded machine takes seconds, and the delivery bound counts from the heal. A service still
   * not ready after that is left as it is, and the scenario moves on.
   */
  record AwaitReady(String service, long maxMillis) implements Step {
    public AwaitReady {
      Objects.requireNonNull(service, "service");
      if (maxMillis < 0) {
        throw new IllegalArgumentException("maxMillis must be 0 or more: " + maxMillis);
      }
    }

    @Override
    public String describe() {
      return "await-ready(" + service + ", " + maxMillis + "ms)";
    }
  }

  /** A server fault: stop, kill, pause, resume or start PostgreSQL or the broker. */
  record ServerFault(Server server, Action action) implements Step {

    /** What happens to the server. */
    public enum Action {
      STOP,
      STOP_IMMEDIATE,
      KILL,
      PAUSE,
      RESUME,
      START;

      public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
      }

      /** How the server goes down for the stopping actions. */
      public ServerControl.Stop stopMode() {
        return switch (this) {
          case STOP -> ServerControl.Stop.GRACEFUL;
          case STOP_IMMEDIATE -> ServerControl.Stop.IMMEDIATE;
          case KILL -> ServerControl.Stop.KILL;
          default -> throw new IllegalStateException(this + " does not stop the server");
        };
      }
    }

    public ServerFault {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(action, "action");
    }

    /** Stop, kill and pause take the server away; start and resume bring it back. */
    @Override
    public boolean breaks() {
      return action != Action.START && action != Action.RESUME;
    }

    @Override
    public String describe() {
      return action.label() + "(" + server + ")";
    }
  }

  /**
   * True for the steps that need a Kafka cluster (several brokers): a scenario with one applies
   * only when the run has three brokers.
   */
  default boolean needsCluster() {
    return false;
  }

  /**
   * Checks a broker's name in a cluster step: {@code leader} (the broker that leads the events
   * topic's partitions when a step names it with no fault on it open; the same broker while one is)
   * or {@code kafka-N}.
   */
  private static String brokerName(String broker) {
    Objects.requireNonNull(broker, "broker");
    if (!broker.equals(LEADER) && !broker.matches("kafka-[1-9]")) {
      throw new IllegalArgumentException(
          "a broker is 'leader' or kafka-1, kafka-2, ...: '" + broker + "'");
    }
    return broker;
  }

  /** Names the broker that leads the events topic's partitions in a cluster step. */
  String LEADER = "leader";

  /**
   * A server fault on one broker of a cluster: {@code kill(leader)}, {@code start(leader)}, {@code
   * stop(kafka-2)}. The others keep running, elect new leaders and carry on.
   *
   * @param broker {@code leader} or {@code kafka-N}
   */
  record BrokerFault(String broker, ServerFault.Action action) implements Step {
    public BrokerFault {
      brokerName(broker);
      Objects.requireNonNull(action, "action");
      if (action == ServerFault.Action.STOP_IMMEDIATE) {
        throw new IllegalArgumentException("a broker stops gracefully or is killed");
      }
    }

    @Override
    public boolean breaks() {
      return action != ServerFault.Action.START && action != ServerFault.Action.RESUME;
    }

    @Override
    public boolean needsCluster() {
      return true;
    }

    @Override
    public String describe() {
      return action.label() + "(" + broker + ")";
    }
  }

  /**
   * Cuts one broker off from the other brokers while the components still reach it: its followers
   * stop fetching from it and it from them, and unless {@code replicationOnly}, it also loses the
   * controllers (the others fence it and elect new leaders while it still believes it leads). It
   * lasts until the network heals ({@link HealAll}, or the run's heal).
   */
  record Isolate(String broker, boolean replicationOnly) implements Step {
    public Isolate {
      brokerName(broker);
    }

    @Override
    public boolean breaks() {
      return true;
    }

    @Override
    public boolean needsCluster() {
      return true;
    }

    @Override
    public String describe() {
      return "isolate(" + broker + (replicationOnly ? ", replication" : "") + ")";
    }
  }

  /**
   * Sets topic settings of the run's events topic, as an operator would: {@code configure(events,
   * min.insync.replicas=1)}. Weakens or strengthens what Kafka promises; it breaks nothing by
   * itself.
   */
  record Configure(Map<String, String> settings) implements Step {
    public Configure {
      settings = Map.copyOf(new TreeMap<>(settings));
      if (settings.isEmpty()) {
        throw new IllegalArgumentException("configure needs at least one setting");
      }
    }

    @Override
    public boolean needsCluster() {
      return true;
    }

    @Override
    public String describe() {
      return "configure(events, "
          + String.join(
              ", ",
              new TreeMap<>(settings)
                  .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
          + ")";
    }
  }

  /**
   * Waits until every replica of the events topic is in sync again, for at most {@code maxMillis}:
   * what an operator waits for between two brokers of a rolling restart.
   */
  record AwaitInSync(long maxMillis) implements Step {
    public AwaitInSync {
      if (maxMillis < 0) {
        throw new IllegalArgumentException("maxMillis must be 0 or more: " + maxMillis);
      }
    }

    @Override
    public boolean needsCluster() {
      return true;
    }

    @Override
    public String describe() {
      return "await-in-sync(" + maxMillis + "ms)";
    }
  }

  /** Time passes: the clients keep sending, the faults stay on. */
  record Wait(long millis) implements Step {
    public Wait {
      if (millis < 0) {
        throw new IllegalArgumentException("millis must be 0 or more: " + millis);
      }
    }

    @Override
    public String describe() {
      return "wait(" + millis + "ms)";
    }

    @Override
    public boolean nemesis() {
      return false;
    }
  }

  /** Waits until every client has an answer to every request sent so far. */
  record AwaitClients() implements Step {
    @Override
    public String describe() {
      return "await-clients";
    }

    @Override
    public boolean nemesis() {
      return false;
    }
  }

  /**
   * Waits until every armed crash, stall or fault has been reached, for at most {@code maxMillis}:
   * a scenario moves on as soon as the service it armed got there, instead of guessing a wait that
   * is too short on a loaded machine and too long on an idle one. A point still armed after that
   * stays armed (and misses, if nothing reaches it before the heal).
   */
  record AwaitArmed(long maxMillis) implements Step {
    public AwaitArmed {
      if (maxMillis < 0) {
        throw new IllegalArgumentException("maxMillis must be 0 or more: " + maxMillis);
      }
    }

    @Override
    public String describe() {
      return "await-armed(" + maxMillis + "ms)";
    }
  }
}
