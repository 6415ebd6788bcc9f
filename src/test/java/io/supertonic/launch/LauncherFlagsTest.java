package io.supertonic.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch paths start the JVM the same way: {@code bin/supertonic-server} with the memory
 * settings docs/BENCHMARKS.md ("Memory") measured and its class-data archive ("Start-up"), and the
 * Docker entry point through it. Both run
 * for real against a stand-in jar whose main class prints what the JVM received.
 */
class LauncherFlagsTest {
  private static final Path LAUNCHER = Path.of("bin/supertonic-server");
  private static final Path ENTRYPOINT = Path.of("docker/entrypoint.sh");

  @TempDir Path dir;
  @TempDir Path cds;
  private Path jar;

  @BeforeEach
  void standInJar() throws IOException {
    jar = dir.resolve("supertonic-server.jar");
    writeStandInJar(List.of());
  }

  /** The stand-in jar, with {@code extraEntries} (empty files) to make another build of it. */
  private void writeStandInJar(List<String> extraEntries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PrintJvmArguments.class.getName());
    String entry = PrintJvmArguments.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = PrintJvmArguments.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
      for (String extra : extraEntries) {
        out.putNextEntry(new JarEntry(extra));
        out.closeEntry();
      }
    }
  }

  @Test
  void launcherStartsTheJvmWithTheMeasuredMemorySettings() throws Exception {
    List<String> out =
        run(Map.of("SUPERTONIC_JAR", jar.toString()), "sh", LAUNCHER.toString(), "serve");
    List<String> jvm = jvmFlags(out);
    assertEquals(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:TrimNativeHeapInterval=1000",
            "-Xlog:cds=off",
            "-Xlog:cds+dynamic=off"),
        jvm.subList(0, 7),
        "the launcher's JVM flags (change docs/BENCHMARKS.md \"Memory\" and README with them)");
    assertTrue(out.contains("env MALLOC_ARENA_MAX=2"), out.toString());
    assertEquals(List.of("arg serve"), args(out));
  }

  @Test
  void aServerRecordsAClassArchiveOnceAndLaterStartsMapIt() throws Exception {
    Map<String, String> env = Map.of("SUPERTONIC_JAR", jar.toString());
    List<String> first = jvmFlags(run(env, "sh", LAUNCHER.toString(), "--port", "8000"));
    Path archive = archiveAskedFor(first);
    assertEquals(cds, archive.getParent(), first.toString());
    assertTrue(first.contains("-XX:+RecordDynamicDumpInfo"), first.toString());
    assertFalse(first.stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile")), first.toString());

    // A dump cut short by a kill leaves its temporary file; one still under way is left alone.
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor(10, TimeUnit.SECONDS);
    Path killed = Path.of(archive + ".tmp-" + exited.pid());
    Path running = Path.of(archive + ".tmp-" + ProcessHandle.current().pid());
    Files.writeString(killed, "part");
    Files.writeString(running, "part");
    run(env, "sh", LAUNCHER.toString(), "--port", "8000");
    assertFalse(Files.exists(killed));
    assertTrue(Files.exists(running));

    // What the server's ClassDataArchive leaves once its dump is complete.
    Files.writeString(archive, "archive");
    List<String> second = jvmFlags(run(env, "sh", LAUNCHER.toString(), "--port", "8000"));
    assertTrue(second.contains("-XX:SharedArchiveFile=" + archive), second.toString());
    assertFalse(second.contains("-XX:+RecordDynamicDumpInfo"), second.toString());
    assertFalse(second.stream().anyMatch(f -> f.startsWith("-Dsupertonic.cds")), second.toString());

    // A sub-command uses an archive but never records one: it loads too little of the server.
    List<String> synth = jvmFlags(run(env, "sh", LAUNCHER.toString(), "synth", "--help"));
    assertTrue(synth.contains("-XX:SharedArchiveFile=" + archive), synth.toString());
  }

  @Test
  void aRebuiltJarGetsANewArchiveAndTheOldOneIsRemoved() throws Exception {
    Map<String, String> env = Map.of("SUPERTONIC_JAR", jar.toString());
    Path before = archiveAskedFor(jvmFlags(run(env, "sh", LAUNCHER.toString(), "--port", "8000")));
    Files.writeString(before, "archive");
    Files.writeString(cds.resolve("unrelated.jsa"), "kept");

    writeStandInJar(List.of("rebuilt")); // another build: the JVM would ignore the old archive
    Path after = archiveAskedFor(jvmFlags(run(env, "sh", LAUNCHER.toString(), "--port", "8000")));
    assertNotEquals(before, after);
    assertFalse(Files.exists(before), "the old build's archive is deleted");
    assertTrue(Files.exists(cds.resolve("unrelated.jsa")), "other files are left alone");
  }

  @Test
  void subCommandsDoNotRecordAndTheArchiveCanBeTurnedOff() throws Exception {
    List<String> subCommand =
        jvmFlags(
            run(
                Map.of("SUPERTONIC_JAR", jar.toString()),
                "sh",
                LAUNCHER.toString(),
                "tiny-model",
                "--help"));
    assertFalse(subCommand.stream().anyMatch(f -> f.contains("DynamicDump")), subCommand.toString());
    List<String> off =
        jvmFlags(
            run(
                Map.of("SUPERTONIC_JAR", jar.toString(), "SUPERTONIC_CDS", "off"),
                "sh",
                LAUNCHER.toString(),
                "--port",
                "8000"));
    assertFalse(
        off.stream().anyMatch(f -> f.contains("DynamicDump") || f.contains("SharedArchiveFile")),
        off.toString());
  }

  private static Path archiveAskedFor(List<String> jvm) {
    String prefix = "-Dsupertonic.cds.archive=";
    return jvm.stream()
        .filter(f -> f.startsWith(prefix))
        .map(f -> Path.of(f.substring(prefix.length())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no archive asked for: " + jvm));
  }

  @Test
  void heapSizeAndExtraFlagsAreAdjustableAndLaterFlagsWin() throws Exception {
    List<String> out =
        run(
            Map.of(
                "SUPERTONIC_JAR", jar.toString(),
                "SUPERTONIC_HEAP", "1g",
                "JAVA_OPTS", "-XX:TrimNativeHeapInterval=0 -Dx=y",
                "MALLOC_ARENA_MAX", "4"),
            "sh",
            LAUNCHER.toString(),
            "--text",
            "two words");
    List<String> jvm = jvmFlags(out);
    assertEquals("-Xmx1g", jvm.get(0));
    assertEquals(
        List.of("-XX:TrimNativeHeapInterval=0", "-Dx=y"), jvm.subList(jvm.size() - 2, jvm.size()));
    assertTrue(out.contains("env MALLOC_ARENA_MAX=4"), "an operator's value is kept: " + out);
    assertEquals(List.of("arg --text", "arg two words"), args(out));
  }

  @Test
  void dockerEntrypointStartsTheJvmThroughTheLauncher() throws Exception {
    List<String> viaLauncher =
        run(Map.of("SUPERTONIC_JAR", jar.toString()), "sh", LAUNCHER.toString(), "--port", "8000");
    List<String> viaEntrypoint =
        run(
            Map.of("SUPERTONIC_APP_DIR", dir.toString(), "SUPERTONIC_DEVICE", "cpu"),
            "bash",
            ENTRYPOINT.toString(),
            "--port",
            "8000");
    assertEquals(viaLauncher, viaEntrypoint);
  }

  private static List<String> jvmFlags(List<String> out) {
    return out.stream().filter(l -> l.startsWith("jvm ")).map(l -> l.substring(4)).toList();
  }

  private static List<String> args(List<String> out) {
    return out.stream().filter(l -> l.startsWith("arg ")).toList();
  }

  private List<String> run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    for (String name :
        List.of(
            "JAVA_OPTS", "SUPERTONIC_HEAP", "MALLOC_ARENA_MAX", "SUPERTONIC_JAR", "SUPERTONIC_CDS")) {
      builder.environment().remove(name);
    }
    builder.environment().put("SUPERTONIC_CDS_DIR", cds.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("no exit within 60 s: " + String.join(" ", command));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    return output.lines().toList();
  }
}
