package dualwrite.chaos.run;

import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.Variant;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.scenario.Scenario;
import dualwrite.chaos.scenario.Step;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a scenario applies to a variant in an environment with so many Kafka brokers, and if not,
 * why: it needs relays the strategy does not run or brokers this Kafka lacks, names a service or
 * crash point the variant lacks, or cuts a link the variant never connects through, where its fault
 * could never land.
 */
final class Applicability {

  private final int brokers;

  Applicability(int brokers) {
    this.brokers = brokers;
  }

  /** Relays the strategy cannot run, or brokers this environment lacks. */
  Optional<String> whyNotHere(DualWriteStrategy strategy, Variant variant, Scenario scenario) {
    if (scenario.relays() > 1) {
      try {
        strategy.withRelays(scenario.relays());
      } catch (UnsupportedOperationException e) {
        return Optional.of(e.getMessage());
      }
    }
    if (variant.brokers() > brokers) {
      return Optional.of(
          "it differs from the fix only when Kafka keeps copies on several brokers (run with"
              + " --brokers "
              + variant.brokers()
              + ")");
    }
    if (scenario.brokersNeeded() > brokers) {
      return Optional.of(
          "it needs a Kafka cluster of "
              + scenario.brokersNeeded()
              + " brokers (run with --brokers 3)");
    }
    return Optional.empty();
  }

  /**
   * The first step that cannot apply to a variant with these services and links, and why; empty
   * when every step can.
   */
  Optional<String> whyNotSteps(Scenario scenario, List<ServiceProfile> services, Set<Link> used) {
    for (Step step : scenario.steps()) {
      Optional<String> why =
          whyNotLink(step, used).or(() -> whyNotService(step, services, scenario.relays()));
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }

  /** A step that hurts a link of a broker this Kafka lacks, or one the variant never uses. */
  private Optional<String> whyNotLink(Step step, Set<Link> used) {
    Link cut =
        step instanceof Step.Inject inject
            ? inject.fault().link()
            : step instanceof Step.FaultAt at ? at.fault().link() : null;
    if (cut != null && cut.oneBroker() && cut.broker() > brokers) {
      return Optional.of("it cuts " + cut + ", and this Kafka has " + brokers);
    }
    if (cut != null && !used.contains(cut.whole())) {
      // the fault could never land: nothing of this variant connects through that link
      return Optional.of("it never connects through " + cut);
    }
    return Optional.empty();
  }

  /** A step that names a service, or a crash point of one, that the variant does not have. */
  private static Optional<String> whyNotService(
      Step step, List<ServiceProfile> services, int relays) {
    String service = null;
    String point = null;
    if (step instanceof Step.AtPoint at) {
      service = at.service();
      point = at.point();
    } else if (step instanceof Step.Kill kill) {
      service = kill.service();
    } else if (step instanceof Step.Restart restart) {
      service = restart.service();
    } else if (step instanceof Step.AwaitReady ready) {
      service = ready.service();
    }
    if (service == null) {
      return Optional.empty();
    }
    String wanted = service;
    Optional<ServiceProfile> found =
        services.stream()
            .filter(
                s ->
                    s.name().equals(wanted)
                        || s.component().label().equals(wanted)
                        || (relays > 1 && wanted.startsWith("relay-")))
            .findFirst();
    if (found.isEmpty()) {
      return Optional.of("it has no service " + service);
    }
    if (point != null && !found.get().crashPoints().contains(point)) {
      return Optional.of(service + " has no crash point " + point);
    }
    return Optional.empty();
  }
}
