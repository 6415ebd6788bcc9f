package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The class-data archive the launcher asks the server for: written by one JVM, complete (a partly
 * written archive would crash the next JVM), and mapped by the next. The JVMs are real; classes
 * from directories cannot be archived, so they run from a jar built here.
 */
class ClassDataArchiveTest {
  @TempDir Path dir;

  @Test
  void withoutTheJvmFlagNothingIsWrittenAndNothingThrows() throws IOException {
    // This JVM was not started with -XX:+RecordDynamicDumpInfo, so the JVM refuses to dump.
    Path target = dir.resolve("server.jsa");
    assertFalse(new ClassDataArchive(target).write());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "neither the archive nor a temporary file");
    }
  }

  @Test
  void anArchiveWrittenByOneJvmIsMappedByTheNext() throws Exception {
    String classPath = standInJar() + File.pathSeparator + jarOf(LoggerFactory.class);
    Path archive = dir.resolve("cds").resolve("server.jsa");
    Files.createDirectories(archive.getParent());

    String dump =
        java(
            "-XX:+RecordDynamicDumpInfo",
            "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off",
            "-D" + ClassDataArchive.PROPERTY + "=" + archive,
            "-cp",
            classPath,
            ArchiveTheLoadedClasses.class.getName(),
            "dump");
    assertTrue(Files.size(archive) > 0, dump);
    try (Stream<Path> files = Files.list(archive.getParent())) {
      assertEquals(List.of(archive), files.toList(), "no temporary file left: " + dump);
    }

    // -Xshare:on: a JVM that cannot map the archive stops instead of loading classes as usual.
    String load =
        java(
            "-Xshare:on",
            "-XX:SharedArchiveFile=" + archive,
            "-Xlog:class+load=info",
            "-cp",
            classPath,
            ArchiveTheLoadedClasses.class.getName(),
            "load");
    assertTrue(
        load.contains(ClassDataArchive.class.getName() + " source: shared objects file (top)"),
        load);
    assertTrue(load.contains("requested: false"), load);
  }

  private Path standInJar() throws IOException {
    Path jar = dir.resolve("stand-in.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Class<?> type : List.of(ClassDataArchive.class, ArchiveTheLoadedClasses.class)) {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
          out.putNextEntry(new JarEntry(entry));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  private static Path jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Runs a JVM to its end (bounded), requires exit 0 and returns what it printed. */
  private String java(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(arguments));
    // To a file: the class-loading log fills a pipe long before the JVM ends.
    Path log = Files.createTempFile(dir, "jvm", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("no exit within 60 s: " + command);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), command + "\n" + output);
    return output;
  }
}
