package dualwrite.chaos.env;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxies of an external environment's links on your Toxiproxy server: those of PostgreSQL's
 * links it makes itself (and deletes when it is done), those of Kafka's links it finds by name,
 * since only your brokers' listeners can advertise them.
 */
final class ExternalProxies {

  private final ToxiproxyClient toxiproxy;
  private final String toxiproxyUrl;
  private final Map<Link, Proxy> proxies = new LinkedHashMap<>();
  private final List<Proxy> created = new ArrayList<>();

  ExternalProxies(ToxiproxyClient toxiproxy, String toxiproxyUrl) {
    this.toxiproxy = toxiproxy;
    this.toxiproxyUrl = toxiproxyUrl;
  }

  /**
   * Finds the proxy of every link, making those of PostgreSQL's links that are not there yet.
   *
   * @param upstream PostgreSQL's {@code host:port} as the Toxiproxy server reaches it
   * @param listenHost where the proxies it makes listen
   * @param brokers how many brokers answered: on a cluster, each Kafka link has one per broker
   * @throws IllegalStateException naming the proxies that are missing or point elsewhere
   */
  void connect(String upstream, String listenHost, int brokers) {
    try {
      toxiproxy.version();
    } catch (IOException e) {
      throw new IllegalStateException(
          "LAB_TOXIPROXY_URL: no Toxiproxy server answered at " + toxiproxyUrl + ": " + e, e);
    }
    List<String> missing = new ArrayList<>();
    try {
      for (Link link : proxiedLinks(brokers)) {
        Proxy proxy = toxiproxy.getProxyOrNull(link.proxyName());
        if (link.server() == Server.POSTGRES
            && proxy != null
            && !proxy.getUpstream().equals(upstream)) {
          throw new IllegalStateException(
              "the Toxiproxy server at "
                  + toxiproxyUrl
                  + " has a proxy "
                  + link.proxyName()
                  + " to "
                  + proxy.getUpstream()
                  + ", not to "
                  + upstream
                  + " (LAB_POSTGRES_URL or LAB_POSTGRES_UPSTREAM): delete it, and the lab makes its"
                  + " own");
        }
        if (link.server() == Server.POSTGRES && proxy == null) {
          proxy = toxiproxy.createProxy(link.proxyName(), listenHost + ":0", upstream);
          created.add(proxy);
        }
        if (proxy == null) {
          missing.add(link.proxyName());
        } else {
          proxies.put(link, proxy);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "LAB_TOXIPROXY_URL: cannot create proxies at " + toxiproxyUrl + ": " + e.getMessage(), e);
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the Toxiproxy server at "
              + toxiproxyUrl
              + " has no proxy "
              + missing
              + ": create one per component"
              + (brokers > 1 ? " and broker (" + brokers + " brokers answered)" : "")
              + ", each listening where a listener of your broker advertises itself (see"
              + " docs/running-against-your-own-servers.md)");
    }
  }

  /** The proxy of a link, or null when it has none of its own (a cluster's whole Kafka link). */
  Proxy get(Link link) {
    return proxies.get(link);
  }

  /** The links that have a proxy: on a cluster, each component's link to each broker. */
  private static List<Link> proxiedLinks(int brokers) {
    List<Link> links = new ArrayList<>();
    for (Link link : Link.all()) {
      if (link.server() == Server.KAFKA && brokers > 1) {
        for (int broker = 1; broker <= brokers; broker++) {
          links.add(Link.toBroker(link.component(), broker));
        }
      } else {
        links.add(link);
      }
    }
    return links;
  }

  /** Deletes the proxies it made, and only those. */
  void close() {
    for (Proxy proxy : created) {
      try {
        proxy.delete();
      } catch (IOException e) {
        // the server may already be gone; nothing of ours is left running
      }
    }
    created.clear();
  }
}
