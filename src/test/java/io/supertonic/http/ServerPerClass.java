package io.supertonic.http;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One tiny-model server shared by the tests of a class: {@code @RegisterExtension static final}.
 */
final class ServerPerClass implements BeforeAllCallback, AfterAllCallback {
  private final JsonObject overrides;
  private Path dir;
  private TestServer server;
  private HttpTestClient http;

  ServerPerClass() {
    this(new JsonObject());
  }

  ServerPerClass(JsonObject overrides) {
    this.overrides = overrides;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("supertonic-test");
    server = TestServer.start(dir, overrides);
    http = new HttpTestClient(server.baseUrl());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      server.close();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(ServerPerClass::delete);
      }
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A leftover temp file is no reason to fail a test run.
    }
  }

  TestServer server() {
    return server;
  }

  HttpTestClient http() {
    return http;
  }
}
