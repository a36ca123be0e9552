package dualwrite.chaos.browser;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's ChromeDriver, for tests that use a live page
 * as a person would: click, wait for text, take a screenshot.
 *
 * <p>A test that uses it first asks {@link #unavailable()} and skips with that reason (in a
 * {@code @BeforeEach}: Surefire counts a class that aborts in {@code @BeforeAll} as no test and
 * drops the reason; in CI, .ci/run installs both packages, so it never skips there), then opens one
 * in try-with-resources:
 *
 * <pre>{@code
 * Browser.unavailable().ifPresent(Assumptions::abort);
 * try (Browser browser = Browser.open()) {
 *   browser.driver().get(url);
 *   browser.driver().findElement(By.id("go")).click();
 *   browser.awaitText(By.id("result"), "done");
 *   browser.screenshot(Path.of("target", "browser", "done.png"));
 * }
 * }</pre>
 *
 * <p>Both binaries are named here, so Selenium Manager is never asked to find or download one.
 * Everything the browser writes stays under {@code target/browser}: a fresh profile for each
 * browser (removed on close), ChromeDriver's log, and Selenium's own log, which would otherwise go
 * to the test's console.
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path WORK = Path.of("target", "browser");
  static final Duration TEXT_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

  /** Held so that the configuration outlives a collection: JUL keeps loggers weakly. */
  private static Logger selenium;

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final ProcessHandle chromedriver;
  private final Path profile;
  private final Duration startup;

  private Browser(
      ChromeDriverService service,
      ChromeDriver driver,
      ProcessHandle chromedriver,
      Path profile,
      Duration startup) {
    this.service = service;
    this.driver = driver;
    this.chromedriver = chromedriver;
    this.profile = profile;
    this.startup = startup;
  }

  /**
   * Why no browser test can run here, or empty when one can. The reason names the package to
   * install.
   */
  public static Optional<String> unavailable() {
    if (!Files.isExecutable(CHROMIUM)) {
      return Optional.of("Chromium is not installed: apt-get install chromium");
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      return Optional.of("ChromeDriver is not installed: apt-get install chromium-driver");
    }
    return Optional.empty();
  }

  /**
   * Skips the calling test where a browser cannot run, with the reason. In CI ({@code CI=true},
   * which {@code .ci/run} sets after it installed both packages) it fails instead: a browser test
   * must never go missing there unnoticed.
   */
  public static void requireOrSkip() {
    Optional<String> missing = unavailable();
    if (missing.isEmpty()) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          missing.get() + " (.ci/run installs it; a browser test in CI must run)");
    }
    Assumptions.abort(missing.get());
  }

  /** Starts ChromeDriver and a headless Chromium with a fresh profile; blank page, 1400x1000. */
  public static Browser open() {
    long started = System.nanoTime();
    Path profile;
    try {
      Files.createDirectories(WORK);
      profile = Files.createTempDirectory(WORK.toAbsolutePath(), "profile-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    quietSelenium();
    String name = profile.getFileName().toString().substring("profile-".length());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(WORK.resolve("chromedriver-" + name + ".log").toAbsolutePath().toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        // root on a machine without a display, GPU or /dev/shm to spare
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        // nothing but the pages a test opens goes out
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=1400,1000");
    ProcessHandle chromedriver;
    try {
      // Started here rather than by ChromeDriver, so that its process is known even when Chromium
      // fails to start: everything under it is then stopped all the same.
      service.start();
      chromedriver = chromedriverOn(service.getUrl().getPort());
    } catch (IOException | RuntimeException e) {
      service.stop();
      deleteQuietly(profile);
      throw new IllegalStateException("ChromeDriver did not start", e);
    }
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      stop(null, service, chromedriver, profile);
      throw e;
    }
    return new Browser(
        service, driver, chromedriver, profile, Duration.ofNanos(System.nanoTime() - started));
  }

  /** ChromeDriver is this JVM's child, started with --port=N. */
  private static ProcessHandle chromedriverOn(int port) {
    String argument = "--port=" + port;
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().arguments().stream().flatMap(Stream::of).anyMatch(argument::equals))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no chromedriver process with " + argument));
  }

  public WebDriver driver() {
    return driver;
  }

  /** How long {@link #open()} took: ChromeDriver and Chromium started, session made. */
  public Duration startup() {
    return startup;
  }

  /**
   * The visible text of the first element {@code locator} finds, or "" while there is none: for
   * polling, e.g. {@code await().until(() -> browser.text(By.id("out")), containsString("ok"))}.
   */
  public String text(By locator) {
    try {
      return driver.findElement(locator).getText();
    } catch (NoSuchElementException | StaleElementReferenceException e) {
      return "";
    }
  }

  /** Waits up to {@link #TEXT_TIMEOUT} until the element's text contains {@code expected}. */
  public String awaitText(By locator, String expected) {
    return await("text of " + locator + " to contain '" + expected + "'")
        .atMost(TEXT_TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> text(locator), text -> text.contains(expected));
  }

  /** A PNG of the window as it is now; the folders are made. */
  public Path screenshot(Path png) {
    byte[] bytes = driver.getScreenshotAs(OutputType.BYTES);
    try {
      Path parent = png.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      return Files.write(png, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Ends the session and ChromeDriver, then waits for every process they had started (Chromium, its
   * renderers, its zygote) to be gone, killing what outlives {@link #EXIT_TIMEOUT}.
   */
  @Override
  public void close() {
    stop(driver, service, chromedriver, profile);
  }

  private static void stop(
      ChromeDriver driver, ChromeDriverService service, ProcessHandle chromedriver, Path profile) {
    List<ProcessHandle> started = new ArrayList<>(chromedriver.descendants().toList());
    started.add(chromedriver);
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      service.stop();
      for (ProcessHandle process : started) {
        awaitExit(process);
      }
      deleteQuietly(profile);
    }
  }

  private static void awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Selenium logs with java.util.logging, to the console unless told otherwise: to a file here. */
  private static synchronized void quietSelenium() {
    if (selenium != null) {
      return;
    }
    Logger logger = Logger.getLogger("org.openqa.selenium");
    try {
      FileHandler file =
          new FileHandler(WORK.toAbsolutePath().resolve("selenium-%u.log").toString(), true);
      file.setFormatter(new SimpleFormatter());
      file.setLevel(Level.ALL);
      logger.addHandler(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.FINE);
    selenium = logger;
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a profile left in target/ does no harm; the next clean removes it
    }
  }
}
