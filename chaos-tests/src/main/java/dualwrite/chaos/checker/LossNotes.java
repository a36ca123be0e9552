package dualwrite.chaos.checker;

import dualwrite.chaos.history.Op;
import dualwrite.chaos.scenario.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a reader needs to understand a loss that is Kafka's: events the fraud service checked and
 * the topic no longer holds were acknowledged and later dropped by Kafka itself; and a run that
 * turned unclean leader election on asked Kafka to drop them (see {@link
 * Checker#KAFKA_BROKE_ITS_PROMISE}).
 */
final class LossNotes {

  private LossNotes() {}

  static List<String> of(Set<UUID> lost, IndexedTruth truth, List<Op> ops) {
    List<String> notes = new ArrayList<>();
    long seen = lost.stream().filter(truth::isChecked).count();
    if (seen > 0) {
      notes.add(
          seen
              + " of the lost events were published and checked by the fraud service, then"
              + " vanished from the topic: Kafka acknowledged them and later lost them, and a"
              + " consumer that reads the topic now never sees them.");
    }
    if (uncleanLeaderElection(ops) && !lost.isEmpty()) {
      notes.add(
          Checker.KAFKA_BROKE_ITS_PROMISE
              + ": with unclean leader election on, a"
              + " replica that lacks records the cluster acknowledged may become the leader, and"
              + " those records are gone. Keep unclean.leader.election.enable=false (the default)"
              + " and min.insync.replicas=2 with acks=all.");
    }
    return notes;
  }

  /** True when the run turned unclean leader election on, and Kafka said ok. */
  private static boolean uncleanLeaderElection(List<Op> ops) {
    return ops.stream()
        .anyMatch(
            op ->
                op.step() instanceof Step.Configure configure
                    && op.type() == Op.Type.OK
                    && "true".equals(configure.settings().get("unclean.leader.election.enable")));
  }
}
