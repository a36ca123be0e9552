package dualwrite.faultproxy;

/**
 * A proxy as a client asks for it: name, listen and upstream address, and whether it is enabled.
 */
record ProxyConfig(String name, String listen, String upstream, boolean enabled) {}
