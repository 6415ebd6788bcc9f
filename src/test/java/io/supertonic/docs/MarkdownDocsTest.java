package io.supertonic.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documentation renders as written on GitHub: fences close (CommonMark: a closing fence has
 * nothing after its backticks, so "``` text" leaves the block open and swallows the rest of the
 * page), relative links and anchors lead somewhere, and nothing points outside the repository.
 */
class MarkdownDocsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern OUTSIDE =
      // Links are resolved and kept inside the repository by the link test; in the text, a path
      // into a sibling folder (../shared, ../../x) or into a developer's machine is what leaks.
      Pattern.compile("(?<![\\w.])(?:\\.\\./)+(?!(?:client|conf|docker|docs|examples|src|bin)/)[\\w-]+/?|(?<![\\w.~])/(?:work|root)/");

  static Stream<Path> markdownFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    for (String dir : List.of("docs", "examples")) {
      Path d = ROOT.resolve(dir);
      if (Files.isDirectory(d)) {
        try (Stream<Path> s = Files.list(d)) {
          s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
      }
    }
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("markdownFiles")
  void everyCodeFenceCloses(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String open = null;
    int openedAt = 0;
    for (int i = 0; i < lines.size(); i++) {
      Matcher fence = FENCE.matcher(lines.get(i));
      if (!fence.matches()) {
        continue;
      }
      String marker = fence.group(1);
      if (open == null) {
        open = marker;
        openedAt = i + 1;
      } else if (marker.charAt(0) == open.charAt(0) && marker.length() >= open.length()) {
        assertTrue(
            fence.group(2).isBlank(),
            file.getFileName()
                + ":"
                + (i + 1)
                + ": a closing fence must stand alone; text after it keeps the block from line "
                + openedAt
                + " open");
        open = null;
      }
    }
    assertEquals(
        null,
        open,
        file.getFileName() + ": the code block opened at line " + openedAt + " never closes");
  }

  @ParameterizedTest
  @MethodSource("markdownFiles")
  void relativeLinksAndAnchorsResolveInsideTheRepository(Path file) throws IOException {
    String text = withoutCodeBlocks(Files.readAllLines(file));
    Set<String> anchors = anchors(Files.readAllLines(file));
    Matcher link = LINK.matcher(text);
    while (link.find()) {
      String target = link.group(1);
      if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
        continue; // http:, https:, mailto:
      }
      int hash = target.indexOf('#');
      String path = hash >= 0 ? target.substring(0, hash) : target;
      String anchor = hash >= 0 ? target.substring(hash + 1) : "";
      if (path.isEmpty()) {
        assertTrue(
            anchors.contains(anchor),
            file.getFileName()
                + ": no heading for the link #"
                + anchor
                + " (have "
                + anchors
                + ")");
        continue;
      }
      Path resolved = file.getParent().resolve(path).normalize();
      assertTrue(
          resolved.startsWith(ROOT),
          file.getFileName() + ": link leaves the repository: " + target);
      assertTrue(
          Files.exists(resolved), file.getFileName() + ": link to a missing file: " + target);
    }
  }

  @ParameterizedTest
  @MethodSource("markdownFiles")
  void nothingPointsOutsideTheRepository(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      Matcher outside = OUTSIDE.matcher(lines.get(i));
      assertTrue(
          !outside.find(),
          file.getFileName() + ":" + (i + 1) + ": a path outside the repository: " + lines.get(i));
    }
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  private static Set<String> anchors(List<String> lines) {
    Set<String> anchors = new HashSet<>();
    boolean inFence = false;
    for (String line : lines) {
      if (FENCE.matcher(line).matches()) {
        inFence = !inFence;
      } else if (!inFence && line.startsWith("#")) {
        String title = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
        anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static String withoutCodeBlocks(List<String> lines) {
    StringBuilder text = new StringBuilder();
    boolean inFence = false;
    for (String line : lines) {
      if (FENCE.matcher(line).matches()) {
        inFence = !inFence;
      } else if (!inFence) {
        text.append(line.replaceAll("`[^`]*`", "")).append('\n');
      }
    }
    return text.toString();
  }
}
