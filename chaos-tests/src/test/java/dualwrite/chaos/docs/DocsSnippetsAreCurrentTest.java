package dualwrite.chaos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code the docs show is the code that compiles: a block under {@code <!-- snippet:
 * naive-dual-write/src/main/java/dualwrite/naive/DbThenKafka.java#db-then-kafka -->} must equal
 * that region, dedented (a marker without {@code #region} shows the whole file); and the tables
 * generated from the code, between {@code <!-- generated: name -->} and {@code <!-- end generated
 * -->}, must match it: the fault catalogue's and the checker's anomalies.
 *
 * <p>To refresh every block after a change to the code, run this test with {@code
 * -Ddocs.update=true}; it rewrites the blocks and passes.
 */
class DocsSnippetsAreCurrentTest {

  static final String REFRESH =
      "refresh them with: ./mvnw -q -pl chaos-tests -am verify -Dtest=DocsSnippetsAreCurrentTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dlab.report.skip=true -Ddocs.update=true";

  private static final Pattern SNIPPET =
      Pattern.compile("^<!-- snippet: ([^#\\s]+)(?:#(\\S+))? -->$");
  private static final String GENERATED_END = "<!-- end generated -->";

  private final boolean update = Boolean.getBoolean("docs.update");

  @Test
  void everySnippetEqualsItsRegion() throws IOException {
    List<String> stale = new ArrayList<>();
    int snippets = 0;
    for (Path file : TeachingFiles.all()) {
      Markdown markdown = Markdown.read(file);
      List<String> lines = new ArrayList<>(markdown.lines());
      boolean changed = false;
      // bottom up, so that replacing a block keeps the earlier line numbers right
      for (int i = lines.size() - 1; i >= 0; i--) {
        Matcher marker = SNIPPET.matcher(lines.get(i).trim());
        if (!marker.matches()) {
          continue;
        }
        snippets++;
        String where = TeachingFiles.name(file) + ":" + (i + 1);
        Markdown.Block block = markdown.blockAfter(i);
        assertThat(block)
            .as("%s: a snippet marker must be followed by a fenced block", where)
            .isNotNull();
        List<String> region;
        try {
          region = Regions.of(marker.group(1), marker.group(2));
        } catch (IllegalArgumentException e) {
          throw new AssertionError(where + ": " + e.getMessage());
        }
        if (!block.lines().equals(region)) {
          stale.add(
              where
                  + " ("
                  + marker.group(1)
                  + (marker.group(2) == null ? "" : "#" + marker.group(2))
                  + ")");
          lines.subList(block.open() + 1, block.close()).clear();
          lines.addAll(block.open() + 1, region);
          changed = true;
        }
      }
      if (update && changed) {
        write(file, lines);
      }
    }
    assertThat(snippets).as("the docs show code from regions").isPositive();
    if (!update) {
      assertThat(stale).as("these snippets differ from the code they show; " + REFRESH).isEmpty();
    }
  }

  @Test
  void theCatalogueTableMatchesTheCatalogue() throws IOException {
    List<String> table =
        generated("docs/07-the-fault-catalogue.md", "catalogue-table", CatalogueTable::generate);
    assertThat(CatalogueTable.unwritten(table))
        .as("write, in docs/07-the-fault-catalogue.md, what these faults are in production")
        .isEmpty();
  }

  @Test
  void theAnomalyTableMatchesTheChecker() throws IOException {
    generated(
        "docs/09-reading-a-verdict-and-the-report.md",
        "anomaly-table",
        current -> AnomalyTable.generate());
  }

  /**
   * Checks (or with docs.update, rewrites) the block between {@code <!-- generated: name -->} and
   * {@code <!-- end generated -->}; returns the block as it should be.
   */
  private List<String> generated(
      String path, String name, Function<List<String>, List<String>> generator) throws IOException {
    Path file = RepositoryRoot.path().resolve(path);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    String marker = "<!-- generated: " + name + " -->";
    int begin = lines.indexOf(marker);
    int end = lines.subList(Math.max(begin, 0), lines.size()).indexOf(GENERATED_END) + begin;
    assertThat(begin).as("%s has the marker %s", path, marker).isNotNegative();
    assertThat(end)
        .as("%s has the marker %s after %s", path, GENERATED_END, marker)
        .isGreaterThan(begin);
    List<String> current = List.copyOf(lines.subList(begin + 1, end));
    List<String> wanted = generator.apply(current);
    if (update && !wanted.equals(current)) {
      lines.subList(begin + 1, end).clear();
      lines.addAll(begin + 1, wanted);
      write(file, lines);
    } else {
      assertThat(current)
          .as("the generated block %s in %s is out of date; %s", name, path, REFRESH)
          .isEqualTo(wanted);
    }
    return wanted;
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n");
    System.out.println("docs.update: rewrote " + TeachingFiles.name(file));
  }
}
