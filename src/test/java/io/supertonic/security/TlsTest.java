package io.supertonic.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with a self-signed certificate: HTTP/2 over ALPN streams audio as it is synthesized, and
 * the WebSocket works as wss. The clients trust the certificate explicitly.
 */
class TlsTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static Clients http2;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            dir, new JsonObject().put("tls_self_signed", true).put("max_streams_per_key", 1));
    http2 =
        new Clients(
            "https://localhost:" + server.port(),
            Clients.trustingAll().version(HttpClient.Version.HTTP_2));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void http2OverAlpnServesTheApi() throws Exception {
    HttpResponse<String> health = http2.get("/healthz", Map.of());
    assertEquals(200, health.statusCode());
    assertEquals(HttpClient.Version.HTTP_2, health.version());
    HttpResponse<String> speech = http2.speech(Map.of());
    assertEquals(200, speech.statusCode(), speech.body());
    assertEquals(HttpClient.Version.HTTP_2, speech.version());
  }

  @Test
  void http2StreamsAudioBeforeTheSynthesisEnds() throws Exception {
    String longInput = "This sentence is spoken again and again. ".repeat(400);
    HttpResponse<InputStream> streaming =
        http2.stream(
            "/v1/audio/speech",
            new JsonObject()
                .put("input", longInput)
                .put("voice", "F1")
                .put("response_format", "pcm")
                .encode(),
            Map.of());
    assertEquals(HttpClient.Version.HTTP_2, streaming.version());
    assertEquals(200, streaming.statusCode());
    byte[] first = streaming.body().readNBytes(4096);
    assertEquals(4096, first.length);
    // Audio arrived while the response is still in progress: it still holds the stream slot.
    assertEquals(429, http2.speech(Map.of()).statusCode());
    // Resetting the HTTP/2 stream ends the synthesis and frees the slot.
    streaming.body().close();
    long deadline = System.nanoTime() + 10_000_000_000L;
    int status;
    do {
      Thread.sleep(20);
      status = http2.speech(Map.of()).statusCode();
    } while (status != 200 && System.nanoTime() < deadline);
    assertEquals(200, status);
  }

  @Test
  void webSocketWorksOverWss() throws Exception {
    Object opened =
        Clients.webSocket(server.vertx(), server.port(), "/v1/audio/speech/stream", Map.of(), true);
    WebSocket socket = assertInstanceOf(WebSocket.class, opened);
    LinkedBlockingQueue<String> types = new LinkedBlockingQueue<>();
    socket.textMessageHandler(text -> types.add(new JsonObject(text).getString("type")));
    socket.writeTextMessage(new JsonObject().put("type", "text").put("text", "Hello.").encode());
    socket.writeTextMessage(new JsonObject().put("type", "flush").encode());
    boolean audio = false;
    String type;
    do {
      type = types.poll(Clients.TIMEOUT_S, TimeUnit.SECONDS);
      audio |= "audio".equals(type);
    } while (type != null && !"audio_end".equals(type));
    assertEquals("audio_end", type);
    assertTrue(audio, "no audio before audio_end");
    Clients.close(socket);
  }

  @Test
  void aPemCertificateAndKeyServeHttps() throws Exception {
    SelfSignedCertificate pem = SelfSignedCertificate.create("localhost");
    try (TestServer other =
        TestServer.start(
            dir,
            new JsonObject()
                .put("tls_cert", pem.certificatePath())
                .put("tls_key", pem.privateKeyPath()))) {
      Clients client =
          new Clients(
              "https://localhost:" + other.port(),
              Clients.trustingAll().version(HttpClient.Version.HTTP_1_1));
      HttpResponse<String> health = client.get("/healthz", Map.of());
      assertEquals(200, health.statusCode());
      // Plain HTTP on the TLS port does not get an answer in clear text.
      Clients plain = new Clients("http://127.0.0.1:" + other.port());
      boolean refused;
      try {
        refused = plain.get("/healthz", Map.of()).statusCode() != 200;
      } catch (java.io.IOException e) {
        refused = true;
      }
      assertTrue(refused);
    } finally {
      pem.delete();
    }
  }
}
