package dualwrite.chaos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in docs/ and in every README.md leads somewhere: to a file or folder that
 * exists and, when it names an anchor in a Markdown file, to a heading there.
 */
class DocsLinksResolveTest {

  /** {@code [text](target)} and {@code ![alt](target)}, with an optional title. */
  private static final Pattern LINK =
      Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(\\s+\"[^\"]*\")?\\s*\\)");

  /** {@code [label]: target} */
  private static final Pattern REFERENCE = Pattern.compile("^\\s*\\[[^\\]]+\\]:\\s*(\\S+).*$");

  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  private final Map<Path, Set<String>> anchors = new HashMap<>();

  @Test
  void everyRelativeLinkResolves() {
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path file : TeachingFiles.all()) {
      Markdown markdown = Markdown.read(file);
      for (Markdown.Numbered line : markdown.prose()) {
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(line.text());
        while (link.find()) {
          targets.add(link.group(1));
        }
        Matcher reference = REFERENCE.matcher(line.text());
        if (reference.matches()) {
          targets.add(reference.group(1));
        }
        for (String target : targets) {
          if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
            continue; // https:, mailto: ...
          }
          links++;
          String problem = problem(file, target);
          if (problem != null) {
            broken.add(
                TeachingFiles.name(file)
                    + ":"
                    + (line.line() + 1)
                    + ": "
                    + target
                    + ": "
                    + problem);
          }
        }
      }
    }
    assertThat(links).as("the docs link to each other").isPositive();
    assertThat(broken).as("links that lead nowhere").isEmpty();
  }

  private String problem(Path file, String target) {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
    if (!resolved.startsWith(RepositoryRoot.path())) {
      return "outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "no such file or folder";
    }
    if (anchor != null
        && resolved.toString().endsWith(".md")
        && !anchors(resolved).contains(anchor)) {
      return "no heading with anchor #" + anchor + " in " + TeachingFiles.name(resolved);
    }
    return null;
  }

  /** The anchors GitHub makes of a file's headings. */
  private Set<String> anchors(Path file) {
    return anchors.computeIfAbsent(
        file,
        f -> {
          Set<String> found = new HashSet<>();
          Map<String, Integer> seen = new HashMap<>();
          Markdown markdown = Markdown.read(f);
          for (int i = 0; i < markdown.lines().size(); i++) {
            Matcher heading = HEADING.matcher(markdown.lines().get(i));
            if (markdown.inBlock(i) || !heading.matches()) {
              continue;
            }
            String slug = slug(heading.group(1));
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            found.add(n == 0 ? slug : slug + "-" + n);
          }
          return found;
        });
  }

  /** GitHub's rule: lower case, links reduced to their text, punctuation gone, spaces to dashes. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
