package dualwrite.chaos.env;

import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * The parts of {@code LAB_POSTGRES_URL} the lab uses, as pgjdbc reads the URL, checked: one host,
 * and no credentials in it (the URL is shown in errors and by {@code ./lab env}; the password is
 * not).
 *
 * @param query the URL's parameters as given, with their {@code ?}, or empty
 */
record PostgresUrl(String host, int port, String query) {

  private static final String PREFIX = "jdbc:postgresql://";
  private static final String USAGE =
      "LAB_POSTGRES_URL must look like jdbc:postgresql://host:5432/postgres (one host; the user"
          + " and password go in LAB_POSTGRES_USER and LAB_POSTGRES_PASSWORD)";

  static PostgresUrl parse(String url) {
    int question = url.indexOf('?');
    String address = question < 0 ? url : url.substring(0, question);
    if (!url.startsWith(PREFIX)
        || address.length() == PREFIX.length()
        || "/:".indexOf(address.charAt(PREFIX.length())) >= 0) {
      throw malformed(url); // not a JDBC URL of PostgreSQL, or no host (pgjdbc assumes localhost)
    }
    if (address.indexOf('@') >= 0) {
      // user[:password]@host: pgjdbc has no such form, and would log the password as a bad port
      throw holdingCredentials();
    }
    // The address alone first: pgjdbc logs a malformed URL whole, a password in it included.
    Properties parsed = Driver.parseURL(address, null) == null ? null : Driver.parseURL(url, null);
    if (parsed == null) {
      throw malformed(url);
    }
    for (String name : parsed.stringPropertyNames()) {
      if (name.equalsIgnoreCase(PGProperty.USER.getName())
          || name.equalsIgnoreCase(PGProperty.PASSWORD.getName())) {
        throw holdingCredentials();
      }
    }
    String host = PGProperty.PG_HOST.getOrDefault(parsed);
    if (host == null || host.isEmpty() || host.indexOf(',') >= 0) {
      throw malformed(url);
    }
    String port = PGProperty.PG_PORT.getOrDefault(parsed);
    return new PostgresUrl(
        host, Integer.parseInt(port), question < 0 ? "" : url.substring(question));
  }

  private static IllegalArgumentException malformed(String url) {
    return new IllegalArgumentException(USAGE + ", not '" + withoutQuery(url) + "'");
  }

  private static IllegalArgumentException holdingCredentials() {
    return new IllegalArgumentException(USAGE + "; the URL given holds credentials");
  }

  /** The URL as it may be shown: no query, and no {@code user:password@} before the host. */
  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    String shown = query < 0 ? url : url.substring(0, query) + "?...";
    int authority = shown.indexOf("//");
    int at = shown.lastIndexOf('@');
    return authority >= 0 && at > authority
        ? shown.substring(0, authority + 2) + "..." + shown.substring(at)
        : shown;
  }
}
