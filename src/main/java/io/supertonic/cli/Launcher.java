package io.supertonic.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * How the user started this program, for commands quoted in messages: the jar's real path (relative
 * when under the working directory), not a guess such as target/.
 */
final class Launcher {
  private Launcher() {}

  static String command() {
    try {
      Path location =
          Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (location.toString().endsWith(".jar")) {
        Path cwd = Path.of("").toAbsolutePath();
        Path shown = location.startsWith(cwd) ? cwd.relativize(location) : location;
        return "java -jar " + shown;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through: running from classes (an IDE, the tests)
    }
    return "java -jar supertonic-server.jar";
  }
}
