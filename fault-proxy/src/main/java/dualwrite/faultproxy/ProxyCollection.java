package dualwrite.faultproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every proxy by name, and the operations of the control API on them. Callers hold {@link
 * #control()} around each call, so that each API call sees and leaves a consistent state.
 */
final class ProxyCollection {
  private final ReentrantLock control = new ReentrantLock();
  private final TreeMap<String, Proxy> proxies = new TreeMap<>();

  /** The one lock of the control plane. */
  ReentrantLock control() {
    return control;
  }

  /** All proxies, sorted by name as Toxiproxy's JSON object keys are. */
  List<Proxy> all() {
    return new ArrayList<>(proxies.values());
  }

  Proxy get(String name) throws ApiError {
    Proxy proxy = proxies.get(name);
    if (proxy == null) {
      throw ApiError.proxyNotFound();
    }
    return proxy;
  }

  /** Creates a proxy, listening at once if enabled; nothing is kept if it cannot listen. */
  Proxy create(ProxyConfig config) throws ApiError {
    if (proxies.containsKey(config.name())) {
      throw ApiError.proxyAlreadyExists();
    }
    Proxy proxy = newProxy(config);
    proxies.put(proxy.name(), proxy);
    return proxy;
  }

  private Proxy newProxy(ProxyConfig config) throws ApiError {
    Proxy proxy = new Proxy(control, config.name(), config.listen(), config.upstream());
    if (config.enabled()) {
      proxy.start();
    }
    return proxy;
  }

  void delete(String name) throws ApiError {
    get(name).stop();
    proxies.remove(name);
  }

  /**
   * Creates or replaces each proxy in order. One with the same name, listen and upstream is left
   * alone, toxics and all; one that differs is stopped and replaced. Stops at the first failure.
   */
  PopulateResult populate(List<ProxyConfig> configs) {
    List<Proxy> applied = new ArrayList<>();
    for (ProxyConfig config : configs) {
      Proxy existing = proxies.get(config.name());
      if (existing != null
          && existing.listen().equals(config.listen())
          && existing.upstream().equals(config.upstream())) {
        applied.add(existing);
        continue;
      }
      if (existing != null) {
        // Should the new one fail to listen, the old one stays listed, stopped, as in Toxiproxy.
        existing.stop();
      }
      try {
        Proxy proxy = newProxy(config);
        proxies.put(proxy.name(), proxy);
        applied.add(proxy);
      } catch (ApiError e) {
        return new PopulateResult(applied, e);
      }
    }
    return new PopulateResult(applied, null);
  }

  /** Enables every proxy and removes every toxic; deletes nothing. */
  void reset() throws ApiError {
    for (Proxy proxy : proxies.values()) {
      proxy.start();
      proxy.removeAllToxics();
    }
  }

  /** Stops every proxy: listeners and connections. */
  void closeAll() {
    for (Proxy proxy : proxies.values()) {
      proxy.stop();
    }
  }

  /** What populate did: the proxies it applied, and the error that stopped it, if one did. */
  record PopulateResult(List<Proxy> proxies, ApiError error) {}
}
