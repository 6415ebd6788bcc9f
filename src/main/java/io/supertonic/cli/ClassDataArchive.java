package io.supertonic.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class-data sharing archive of every class this server has loaded, written once after start-up
 * so that the next start maps those classes instead of reading and verifying them again
 * (docs/BENCHMARKS.md, "Start-up"). {@code bin/supertonic-server} asks for it, through the {@value
 * #PROPERTY} property, when its cache holds no archive for this build and JDK; it also starts the
 * JVM with {@code -XX:+RecordDynamicDumpInfo}, without which the JVM refuses to dump.
 *
 * <p>The JVM writes the archive itself (the {@code VM.cds dynamic_dump} diagnostic command) and a
 * JVM that maps a partly written archive dies of SIGBUS, so the dump goes to a temporary file that
 * is renamed into place only once complete.
 */
final class ClassDataArchive {
  static final String PROPERTY = "supertonic.cds.archive";
  private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);

  private final Path target;

  ClassDataArchive(Path target) {
    this.target = target;
  }

  /** The archive the launcher asked for, if it asked. */
  static Optional<ClassDataArchive> requested() {
    String path = System.getProperty(PROPERTY, "");
    return path.isBlank() ? Optional.empty() : Optional.of(new ClassDataArchive(Path.of(path)));
  }

  /**
   * Dumps the loaded classes; takes a second or two, during which the JVM pauses at times. Never
   * throws: without an archive the next start is only slower.
   *
   * @return whether the archive is now in place
   */
  boolean write() {
    Path temporary =
        target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    long t0 = System.nanoTime();
    try {
      Object reply =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "vmCds",
                  new Object[] {new String[] {"dynamic_dump", temporary.toString()}},
                  new String[] {String[].class.getName()});
      long bytes = Files.isRegularFile(temporary) ? Files.size(temporary) : 0;
      if (bytes == 0) {
        LOG.info("Class-data archive not written: {}", String.valueOf(reply).strip());
        return false;
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      LOG.info(
          "Class-data archive written ({} MB, {} ms): later starts load their classes from {}",
          bytes / 1_000_000,
          (System.nanoTime() - t0) / 1_000_000,
          target);
      return true;
    } catch (JMException | IOException | RuntimeException e) {
      LOG.info("Class-data archive not written: {}", e.toString());
      return false;
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        LOG.debug("cannot delete {}: {}", temporary, e.toString());
      }
    }
  }
}
