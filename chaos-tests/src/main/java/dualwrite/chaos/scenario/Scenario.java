package dualwrite.chaos.scenario;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A seed plus a list of steps. Named scenarios make up the fault catalogue; generated ones come
 * from a seed, which reproduces them exactly.
 *
 * @param name short and stable, such as {@code crash-after-commit}; {@code generated-<seed>} for
 *     generated ones
 * @param description one sentence: what it does and what it models in production
 * @param seed the seed it was generated from (0 for a catalogue scenario)
 * @param origin {@code catalogue}, {@code generated} or {@code test}
 * @param clients how many clients send requests concurrently
 * @param steps what happens, in order
 * @param relays how many relays the strategy runs side by side (1 unless the scenario is about
 *     several)
 */
public record Scenario(
    String name,
    String description,
    long seed,
    String origin,
    int clients,
    List<Step> steps,
    int relays) {

  /** A scenario with one relay. */
  public Scenario(
      String name, String description, long seed, String origin, int clients, List<Step> steps) {
    this(name, description, seed, origin, clients, steps, 1);
  }

  public Scenario {
    relays = Math.max(relays, 1); // absent from older scenario files
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(origin, "origin");
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("a scenario name is lower-case words and dashes: " + name);
    }
    if (clients < 1) {
      throw new IllegalArgumentException("a scenario needs at least one client: " + clients);
    }
    steps = List.copyOf(steps);
    for (Step step : steps) {
      if (step instanceof Step.Record record && record.client() >= clients) {
        throw new IllegalArgumentException(
            record.describe() + " names a client beyond the scenario's " + clients);
      }
    }
  }

  /** How many Kafka brokers the scenario needs: 3 when a step acts on a cluster, else 1. */
  public int brokersNeeded() {
    return steps.stream().anyMatch(Step::needsCluster) ? 3 : 1;
  }

  /**
   * True when a step weakens what Kafka promises (it turns unclean leader election on): Kafka may
   * then lose what it acknowledged, so a fix that loses events here broke no promise of its own.
   */
  public boolean weakensKafka() {
    return steps.stream()
        .anyMatch(
            step ->
                step instanceof Step.Configure configure
                    && "true".equals(configure.settings().get("unclean.leader.election.enable")));
  }

  /** The same scenario with other steps (the shrinker's move). */
  public Scenario withSteps(List<Step> newSteps) {
    return new Scenario(name, description, seed, origin, clients, newSteps, relays);
  }

  /** The same steps under another name and origin (the shrinker's candidates). */
  public Scenario renamed(String newName, String newOrigin) {
    return new Scenario(newName, description, seed, newOrigin, clients, steps, relays);
  }

  /** How many transactions it asks for. */
  public long records() {
    return steps.stream().filter(s -> s instanceof Step.Record).count();
  }

  /**
   * The steps as a story, one per line: consecutive records folded, and steady traffic (records and
   * waits in turn, three rounds or more) told as one line.
   */
  public String story() {
    StringBuilder story = new StringBuilder();
    int i = 0;
    while (i < steps.size()) {
      Step step = steps.get(i);
      int trickle = trickleEnd(i);
      if (trickle > i) {
        long records = 0;
        long waited = 0;
        int rounds = 0;
        for (int k = i; k <= trickle; k++) {
          if (steps.get(k) instanceof Step.Wait wait) {
            waited += wait.millis();
            rounds++;
          } else {
            records++;
          }
        }
        story.append(
            String.format(
                "  steady traffic: %d records in %d rounds over %d ms%n", records, rounds, waited));
        i = trickle + 1;
        continue;
      }
      int j = i;
      while (step instanceof Step.Record
          && j + 1 < steps.size()
          && steps.get(j + 1) instanceof Step.Record) {
        j++;
      }
      if (j - i >= 3) {
        story
            .append("  ")
            .append(step.describe())
            .append(" ... ")
            .append(steps.get(j).describe())
            .append("  (")
            .append(j - i + 1)
            .append(" records)\n");
      } else {
        for (int k = i; k <= j; k++) {
          story.append("  ").append(steps.get(k).describe()).append('\n');
        }
      }
      i = j + 1;
    }
    return story.toString();
  }

  /**
   * Where steady traffic that starts at {@code from} ends (its last wait), or {@code from - 1} when
   * there is none there: records then a wait, at least three rounds in a row.
   */
  private int trickleEnd(int from) {
    int rounds = 0;
    int end = from - 1;
    int k = from;
    while (k < steps.size() && steps.get(k) instanceof Step.Record) {
      int records = k;
      while (k < steps.size() && steps.get(k) instanceof Step.Record) {
        k++;
      }
      if (k == records || k >= steps.size() || !(steps.get(k) instanceof Step.Wait)) {
        break;
      }
      rounds++;
      end = k;
      k++;
    }
    return rounds >= 3 ? end : from - 1;
  }

  /** All steps on one line. */
  public String oneLine() {
    return steps.stream().map(Step::describe).collect(Collectors.joining(", "));
  }
}
