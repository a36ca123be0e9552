package dualwrite.bank.crash;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Crash points around code the lab did not write (a workshop learner's class): the lab cannot put
 * {@link Tripwire#pass} calls inside it, so it hands it a database whose connections run a hook
 * just before and just after each {@code commit()}. Everything else goes straight through.
 */
public final class CommitHooks {

  private CommitHooks() {}

  /**
   * The same database, with {@code before} run before each commit reaches PostgreSQL and {@code
   * after} once it has returned. A hook that throws ({@link Crash}) stops the commit there.
   */
  public static DataSource around(DataSource database, Runnable before, Runnable after) {
    InvocationHandler sources =
        (proxy, method, args) -> {
          Object result = invoke(database, method, args);
          return result instanceof Connection connection
              ? hooked(connection, before, after)
              : result;
        };
    return (DataSource)
        Proxy.newProxyInstance(
            CommitHooks.class.getClassLoader(), new Class<?>[] {DataSource.class}, sources);
  }

  private static Connection hooked(Connection connection, Runnable before, Runnable after) {
    InvocationHandler calls =
        (proxy, method, args) -> {
          boolean commit = method.getName().equals("commit") && method.getParameterCount() == 0;
          if (commit) {
            before.run();
          }
          Object result = invoke(connection, method, args);
          if (commit) {
            after.run();
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(
            CommitHooks.class.getClassLoader(), new Class<?>[] {Connection.class}, calls);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
