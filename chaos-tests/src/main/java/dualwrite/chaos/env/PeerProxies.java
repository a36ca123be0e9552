package dualwrite.chaos.env;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The proxies between the nodes of an embedded Kafka cluster, so that one node can be cut off from
 * the others' replicas or controllers while the clients still reach it.
 */
final class PeerProxies {

  private PeerProxies() {}

  /**
   * Puts a proxy on every ordered pair of a cluster's nodes, for each plane: node {@code i} fetches
   * replicas from node {@code j} through {@code kafka-i-kafka-j}, and reaches {@code j}'s
   * controller through {@code kafka-i-controller-j}. Each node's quorum lists the others at its own
   * proxies to them.
   */
  static Map<PeerLink, Proxy> wire(
      ToxiproxyClient toxiproxy, LocalKafkaCluster cluster, int brokers) throws IOException {
    Map<PeerLink, Proxy> proxies = new LinkedHashMap<>();
    for (int from = 1; from <= brokers; from++) {
      StringBuilder voters = new StringBuilder();
      for (int to = 1; to <= brokers; to++) {
        LocalKafkaBroker target = cluster.node(to);
        if (voters.length() > 0) {
          voters.append(',');
        }
        if (from == to) {
          voters.append(to).append('@').append(target.controllerAddress());
          continue;
        }
        PeerLink replication = new PeerLink(from, to, PeerLink.Plane.REPLICATION);
        Proxy fetches =
            toxiproxy.createProxy(
                replication.proxyName(),
                Ports.LOOPBACK + ":" + Ports.freePort(),
                target.peerListenerAddress(from));
        target.advertisePeer(from, fetches.getListen());
        proxies.put(replication, fetches);
        PeerLink control = new PeerLink(from, to, PeerLink.Plane.CONTROLLER);
        Proxy quorum =
            toxiproxy.createProxy(
                control.proxyName(),
                Ports.LOOPBACK + ":" + Ports.freePort(),
                target.controllerAddress());
        proxies.put(control, quorum);
        voters.append(to).append('@').append(quorum.getListen());
      }
      cluster.node(from).voters(voters.toString());
    }
    return proxies;
  }
}
