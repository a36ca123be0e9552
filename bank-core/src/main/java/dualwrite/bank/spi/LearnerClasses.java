package dualwrite.bank.spi;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;

/**
 * A fresh copy of a workshop learner's classes for each life of a service. A killed process loses
 * everything it held in memory, static fields included; a new instance in the same class loader
 * would keep them, and an inbox that remembers its event ids in a static set would pass where a
 * real restart breaks it. So every life loads the classes of {@value #PACKAGE} again, from where
 * they are, in a class loader of its own; everything else comes from the lab's.
 */
public final class LearnerClasses {

  /** The package whose classes each life loads afresh: the workshop's. */
  public static final String PACKAGE = "dualwrite.workshop.";

  private LearnerClasses() {}

  /**
   * A new instance of {@code className}, from a class loader of its own.
   *
   * @throws IllegalStateException when the class is missing or cannot be made, naming it
   */
  public static <T> T fresh(String className, Class<T> type) {
    ClassLoader lab = LearnerClasses.class.getClassLoader();
    try {
      CodeSource source =
          Class.forName(className, false, lab).getProtectionDomain().getCodeSource();
      ClassLoader life = new ChildFirst(new URL[] {source.getLocation()}, lab);
      Object instance = life.loadClass(className).getDeclaredConstructor().newInstance();
      return type.cast(instance);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          className + " is not on the classpath (is the workshop module built?)", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "the constructor of " + className + " threw " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("cannot make a " + className + ": " + e, e);
    }
  }

  /** Loads the workshop's classes itself, and asks the lab's loader for everything else. */
  private static final class ChildFirst extends URLClassLoader {

    static {
      registerAsParallelCapable();
    }

    ChildFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PACKAGE)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }
}
