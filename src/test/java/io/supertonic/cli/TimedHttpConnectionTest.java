package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark's socket client against a real HTTP server: framing, keep-alive, errors. */
class TimedHttpConnectionTest {
  private Vertx vertx;
  private HttpServer server;
  private final AtomicInteger connections = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .connectionHandler(c -> connections.incrementAndGet())
            .requestHandler(
                req -> {
                  switch (req.path()) {
                    case "/chunked" -> {
                      req.response().setChunked(true).putHeader("Server-Timing", "synth;dur=2.0");
                      req.response().write("abc");
                      vertx.setTimer(
                          20,
                          t -> {
                            req.response().write("defgh");
                            req.response().end("ij");
                          });
                    }
                    case "/sized" -> req.response().end("0123456789");
                    default ->
                        req.body()
                            .onSuccess(
                                b ->
                                    req.response()
                                        .setStatusCode(400)
                                        .end("{\"error\":\"" + b.length() + " bytes\"}"));
                  }
                })
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void readsChunkedAndSizedBodiesOverOneKeptAliveConnection() throws Exception {
    try (TimedHttpConnection c =
        new TimedHttpConnection(URI.create("http://127.0.0.1:" + server.actualPort()))) {
      TimedHttpConnection.Timed chunked = c.get("/chunked");
      assertEquals(200, chunked.status());
      assertEquals(10, chunked.bodyBytes());
      assertEquals("synth;dur=2.0", chunked.header("server-timing"));
      assertTrue(chunked.ttfbMs() <= chunked.totalMs(), chunked.toString());

      TimedHttpConnection.Timed sized = c.get("/sized");
      assertEquals(200, sized.status());
      assertEquals(10, sized.bodyBytes());

      TimedHttpConnection.Timed error = c.postJson("/other", "{\"input\":\"hé\"}", "id-1");
      assertEquals(400, error.status());
      assertEquals(
          "{\"error\":\"15 bytes\"}", new String(error.smallBody(), StandardCharsets.UTF_8));
    }
    assertEquals(1, connections.get());
  }
}
