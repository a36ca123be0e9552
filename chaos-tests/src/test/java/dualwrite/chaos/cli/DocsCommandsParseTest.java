package dualwrite.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.docs.RepositoryRoot;
import dualwrite.chaos.run.Strategies;
import dualwrite.chaos.scenario.Catalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every {@code ./lab} command the docs show parses with the CLI's own model and names strategies,
 * variants and scenarios that exist; every {@code ./mvnw} command names modules, profiles and test
 * classes that exist. No servers are started.
 */
class DocsCommandsParseTest {

  private static final String BROKERS_PROPERTY = "lab.brokers";

  @Test
  void everyLabCommandParsesAndNamesWhatExists() {
    List<ShownCommands.Shown> commands =
        ShownCommands.all().stream().filter(c -> c.program().equals("./lab")).toList();
    List<String> wrong = new ArrayList<>();
    for (ShownCommands.Shown command : commands) {
      if (command.inline()
          && command.args().size() == 1
          && !command.args().get(0).startsWith("-")) {
        // prose naming a command, such as `./lab run`: the command must exist
        if (!Lab.commandLine().getSubcommands().containsKey(command.args().get(0))) {
          wrong.add(command + "\n    no such command");
        }
        continue;
      }
      try {
        ParseResult parsed = parse(command.args());
        for (ParseResult sub = parsed.subcommand(); sub != null; sub = sub.subcommand()) {
          sub.matchedArgs().forEach(DocsCommandsParseTest::namesWhatExists);
        }
      } catch (CommandLine.ParameterException | IllegalArgumentException e) {
        wrong.add(command + "\n    " + e.getMessage());
      }
    }
    assertThat(commands).as("the docs show ./lab commands").isNotEmpty();
    assertThat(wrong).as("./lab commands in the docs that the CLI would refuse").isEmpty();
  }

  /**
   * Parses as the CLI would. Parsing {@code --brokers 3} sets {@code lab.brokers} for the JVM, as
   * the lab needs; here it must not outlive the parse, or every later test of this JVM would get a
   * three-broker cluster for its shared environment.
   */
  private static ParseResult parse(List<String> args) {
    String brokers = System.getProperty(BROKERS_PROPERTY);
    try {
      return Lab.commandLine().parseArgs(args.toArray(String[]::new));
    } finally {
      if (brokers == null) {
        System.clearProperty(BROKERS_PROPERTY);
      } else {
        System.setProperty(BROKERS_PROPERTY, brokers);
      }
    }
  }

  /**
   * @throws IllegalArgumentException naming a strategy, variant or scenario that does not exist
   */
  private static void namesWhatExists(ArgSpec arg) {
    String label = arg.paramLabel();
    List<String> values = new ArrayList<>();
    Object value = arg.getValue();
    if (value instanceof List<?> list) {
      list.forEach(v -> values.add(String.valueOf(v)));
    } else if (value != null) {
      values.add(String.valueOf(value));
    }
    for (String v : values) {
      if (label.contains("<strategy>")) {
        Strategies.parse(v);
      } else if (label.contains("<scenario>")) {
        Catalogue.named(v);
      }
    }
  }

  @Test
  void everyMavenCommandNamesModulesProfilesAndTestsThatExist() {
    Path root = RepositoryRoot.path();
    Set<String> testClasses = testClasses(root);
    String poms = poms(root);
    List<ShownCommands.Shown> commands =
        ShownCommands.all().stream().filter(c -> c.program().equals("./mvnw")).toList();
    List<String> wrong = new ArrayList<>();
    for (ShownCommands.Shown command : commands) {
      List<String> args = command.args();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.startsWith("-Dtest=")) {
          for (String pattern : arg.substring("-Dtest=".length()).split(",")) {
            String glob = pattern.replaceFirst("^!", "").replaceFirst("#.*$", "");
            String regex = glob.replace(".", "\\.").replace("*", ".*").replace("?", ".");
            if (testClasses.stream().noneMatch(c -> c.matches(regex))) {
              wrong.add(command + "\n    no test class matches " + pattern);
            }
          }
        } else if (arg.startsWith("-P")) {
          String ids = arg.length() > 2 ? arg.substring(2) : args.get(i + 1);
          for (String id : ids.split(",")) {
            if (!poms.contains("<id>" + id.replaceFirst("^!", "") + "</id>")) {
              wrong.add(command + "\n    no profile " + id);
            }
          }
        } else if (arg.equals("-pl")) {
          for (String module : args.get(i + 1).split(",")) {
            if (!Files.exists(root.resolve(module).resolve("pom.xml"))) {
              wrong.add(command + "\n    no module " + module);
            }
          }
        }
      }
    }
    assertThat(commands).as("the docs show ./mvnw commands").isNotEmpty();
    assertThat(wrong).as("./mvnw commands in the docs that name what does not exist").isEmpty();
  }

  private static Set<String> testClasses(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith(".java"))
          .map(p -> p.getFileName().toString().replace(".java", ""))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String poms(Path root) {
    try (Stream<Path> files = Files.walk(root, 2)) {
      StringBuilder all = new StringBuilder();
      for (Path pom : files.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
        all.append(Files.readString(pom));
      }
      return all.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
