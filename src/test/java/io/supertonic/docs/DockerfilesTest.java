package io.supertonic.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No Docker engine runs in CI, so the images are checked by construction: every RUN step is a
 * script under docker/ that .ci/run also runs, everything COPY needs gets past .dockerignore, and
 * the runtime stage runs unprivileged with a health check.
 */
class DockerfilesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Pattern RUN = Pattern.compile("^RUN\\s+(\\S+)(.*)$", Pattern.MULTILINE);
  private static final Pattern COPY =
      Pattern.compile("^COPY\\s+(?!--from)(.+)\\s+(\\S+)$", Pattern.MULTILINE);

  @ParameterizedTest
  @ValueSource(strings = {"docker/Dockerfile", "docker/Dockerfile.cuda"})
  void everyRunStepIsAScriptThatCiRunsToo(String dockerfile) throws IOException {
    String text = Files.readString(ROOT.resolve(dockerfile));
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    Matcher run = RUN.matcher(text);
    int steps = 0;
    while (run.find()) {
      steps++;
      String script = run.group(1).replaceFirst("^/app/", "");
      assertTrue(
          script.startsWith("docker/") && script.endsWith(".sh"), dockerfile + ": " + run.group());
      assertTrue(
          Files.isExecutable(ROOT.resolve(script)), script + " must exist and be executable");
      assertTrue(ci.contains(script.replaceFirst("^docker/", "")), ".ci/run must run " + script);
    }
    assertTrue(steps >= 2, dockerfile + " has a build and a runtime step");
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker/Dockerfile", "docker/Dockerfile.cuda"})
  void everythingCopiedIsInTheBuildContext(String dockerfile) throws IOException {
    String text = Files.readString(ROOT.resolve(dockerfile));
    List<String> allowed =
        Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
            .filter(l -> l.startsWith("!"))
            .map(l -> l.substring(1).replaceFirst("/$", ""))
            .toList();
    Matcher copy = COPY.matcher(text);
    while (copy.find()) {
      for (String source : copy.group(1).trim().split("\\s+")) {
        assertTrue(Files.exists(ROOT.resolve(source)), dockerfile + " copies a missing " + source);
        assertTrue(
            allowed.stream().anyMatch(a -> source.equals(a) || source.startsWith(a + "/")),
            ".dockerignore keeps " + source + " out of the context that " + dockerfile + " needs");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker/Dockerfile", "docker/Dockerfile.cuda"})
  void runtimeIsUnprivilegedHealthCheckedAndKeepsTheModelInAVolume(String dockerfile)
      throws IOException {
    String text = Files.readString(ROOT.resolve(dockerfile));
    assertTrue(text.contains("\nUSER supertonic\n"), dockerfile + " runs as root");
    assertTrue(text.contains("HEALTHCHECK") && text.contains("docker/healthcheck.sh"), dockerfile);
    assertTrue(text.contains("VOLUME /home/supertonic/.cache"), dockerfile);
    assertTrue(!text.contains("go-offline"), "go-offline resolves optional artifacts and fails");
  }
}
