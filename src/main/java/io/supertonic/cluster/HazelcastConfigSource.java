package io.supertonic.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a node's Hazelcast configuration comes from: an explicit file, else {@code
 * ./conf/hazelcast.xml}, else the copy shipped in the jar (the same lookup as {@code
 * conf/config.json}).
 */
public final class HazelcastConfigSource {
  /** The shipped file, in the repository and on the classpath. */
  public static final String SHIPPED = "conf/hazelcast.xml";

  private HazelcastConfigSource() {}

  /** The parsed configuration and a description of where it came from, for the start-up log. */
  public record Loaded(Config config, String origin) {}

  public static Loaded load(Optional<Path> explicit) {
    try {
      if (explicit.isPresent()) {
        return fromFile(explicit.get());
      }
      Path local = Path.of(SHIPPED);
      if (Files.isRegularFile(local)) {
        return fromFile(local);
      }
      try (InputStream in =
          HazelcastConfigSource.class.getClassLoader().getResourceAsStream(SHIPPED)) {
        if (in == null) {
          throw new IllegalStateException(SHIPPED + " is missing from the classpath");
        }
        return new Loaded(new XmlConfigBuilder(in).build(), "classpath:" + SHIPPED);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the cluster configuration: " + e, e);
    }
  }

  private static Loaded fromFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--cluster-config: no such file: " + file);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new Loaded(new XmlConfigBuilder(in).build(), file.toAbsolutePath().toString());
    } catch (RuntimeException e) {
      // Hazelcast reports schema violations as unchecked exceptions.
      throw new IllegalArgumentException(
          "--cluster-config: "
              + file
              + " is not a valid Hazelcast configuration: "
              + e.getMessage(),
          e);
    }
  }
}
