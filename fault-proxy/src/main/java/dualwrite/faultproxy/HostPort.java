package dualwrite.faultproxy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A {@code host:port} address as Toxiproxy (Go) reads and writes it: {@code [::1]:80} for IPv6,
 * errors worded like Go's. An empty host means loopback here, not every interface.
 */
record HostPort(String host, int port) {

  /** An address that cannot be parsed; the message reads like Go's. */
  static final class AddressException extends Exception {
    private static final long serialVersionUID = 1L;

    AddressException(String message) {
      super(message, null, false, false);
    }
  }

  static HostPort parse(String address) throws AddressException {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new AddressException("address " + address + ": missing port in address");
    }
    String host = address.substring(0, colon);
    String port = address.substring(colon + 1);
    if (host.startsWith("[")) {
      if (!host.endsWith("]")) {
        throw new AddressException("address " + address + ": missing ']' in address");
      }
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new AddressException("address " + address + ": too many colons in address");
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new AddressException("address " + address + ": unknown port");
    }
    if (number < 0 || number > 65535) {
      throw new AddressException("address " + address + ": invalid port");
    }
    return new HostPort(host, number);
  }

  /**
   * The socket address to bind or dial. No host means loopback: for a listener that keeps it off
   * other interfaces unless asked for; for an upstream it is this machine, as in Go.
   */
  InetSocketAddress resolve() throws UnknownHostException {
    InetAddress address =
        host.isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
    return new InetSocketAddress(address, port);
  }

  /** Formats a bound address as Go does: {@code 127.0.0.1:8474}, {@code [::1]:8474}. */
  static String format(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip instanceof Inet6Address) {
      return "[" + compress(ip.getHostAddress()) + "]:" + address.getPort();
    }
    return ip.getHostAddress() + ":" + address.getPort();
  }

  /** Java writes IPv6 in full ({@code 0:0:0:0:0:0:0:1}); Go shortens the longest run of zeros. */
  private static String compress(String full) {
    int scope = full.indexOf('%');
    String plain = scope < 0 ? full : full.substring(0, scope);
    String[] groups = plain.split(":");
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < groups.length; ) {
      if (!groups[i].equals("0")) {
        i++;
        continue;
      }
      int start = i;
      while (i < groups.length && groups[i].equals("0")) {
        i++;
      }
      if (i - start > bestLength && i - start > 1) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    if (bestStart < 0) {
      return plain;
    }
    String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
    String tail =
        String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }
}
