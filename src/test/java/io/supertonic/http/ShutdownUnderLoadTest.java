package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.supertonic.testing.ServerProcess;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real server process while speech requests run and wait in its queue: every request
 * that got its 200 head ends either with the whole utterance or with an error the client sees (a
 * chunked response cut without its terminating chunk, an SSE {@code error} event, a WebSocket
 * {@code error} message or a close code other than 1000); requests that were never accepted get a
 * 503 or an I/O error before any response byte (see docs/reliability.md). The process exits within
 * its grace period plus a bound.
 */
class ShutdownUnderLoadTest {
  private static final long GRACE_MS = 2000;

  @TempDir Path dir;
  private ServerProcess server;
  private final ExecutorService clients = Executors.newCachedThreadPool();

  @AfterEach
  void cleanUp() throws Exception {
    clients.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  /** What one client saw. */
  record Outcome(String kind, int status, String detail) {
    static Outcome refused(String why) {
      return new Outcome("refused", -1, why);
    }
  }

  @Test
  void everyAcceptedRequestEndsWholeOrWithAVisibleError() throws Exception {
    server =
        ServerProcess.start(
            dir,
            List.of(),
            List.of(
                "--max-concurrent",
                "1",
                "--max-queue",
                "8",
                "--shutdown-grace-ms",
                Long.toString(GRACE_MS)));
    Process process = server.process();
    int port = server.port();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String base = "http://127.0.0.1:" + port;
    String text = "Sentence after sentence, the stream goes on without a pause. ".repeat(30);

    // References, before any load: synthesis is deterministic for a seed.
    byte[] pcmWhole = fetch(http, base, request(text, "pcm"));
    byte[] mp3Whole = fetch(http, base, request(text, "mp3"));
    assertTrue(pcmWhole.length > 100_000, "reference pcm: " + pcmWhole.length);

    CountDownLatch firstAudio = new CountDownLatch(1);
    List<Future<Outcome>> outcomes = new ArrayList<>();
    outcomes.add(
        clients.submit(() -> binary(http, base, request(text, "pcm"), pcmWhole, firstAudio)));
    // 1 running + 8 queued fit: every request and session is admitted.
    outcomes.add(clients.submit(() -> binary(http, base, request(text, "pcm"), pcmWhole, null)));
    for (int i = 0; i < 2; i++) {
      outcomes.add(clients.submit(() -> binary(http, base, request(text, "mp3"), mp3Whole, null)));
      outcomes.add(
          clients.submit(
              () -> sse(http, base, request(text, "pcm").put("stream_format", "sse"), pcmWhole)));
    }
    List<WsSession> sessions = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      sessions.add(WsSession.open(http, port, text));
    }

    assertTrue(firstAudio.await(60, TimeUnit.SECONDS), "the first stream never started");
    awaitQueued(http, base);
    long signalled = System.nanoTime();
    process.destroy(); // SIGTERM
    assertTrue(
        process.waitFor(GRACE_MS + 15_000, TimeUnit.MILLISECONDS),
        "the process did not exit within grace + 15 s");
    long exitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);

    int accepted = 0;
    int rejected = 0;
    List<String> seen = new ArrayList<>();
    for (Future<Outcome> future : outcomes) {
      Outcome o = future.get(30, TimeUnit.SECONDS);
      seen.add(o.kind() + "/" + o.status() + " (" + o.detail() + ")");
      switch (o.kind()) {
        case "complete", "cut", "sse-error" -> accepted++;
        case "rejected" -> {
          rejected++;
          assertEquals(503, o.status(), o.detail());
          assertTrue(o.detail().startsWith("Retry-After 1 "), o.detail());
          assertTrue(o.detail().contains("\"code\":\"worker_shutdown\""), o.detail());
        }
          // Still on its way in when the server stopped accepting: no response at all.
        case "refused" -> {}
        default -> fail("a hidden loss or unexpected end: " + o);
      }
    }
    for (WsSession s : sessions) {
      String end = s.result().get(30, TimeUnit.SECONDS);
      seen.add("ws:" + end);
      assertTrue(
          end.startsWith("complete")
              || end.startsWith("error")
              || end.startsWith("close ") && !end.startsWith("close 1000"),
          "a WebSocket utterance ended without its audio_end and without an error: " + end);
    }
    System.out.printf("shutdown under load: exit after %d ms; outcomes %s%n", exitMs, seen);
    assertTrue(accepted >= 1, "nothing was in flight when the signal came: " + seen);
    // At least 3 jobs were queued at the signal, at most 2 of them WebSocket utterances: the
    // worker hands queued jobs back at once, while their HTTP connections are still open.
    assertTrue(rejected >= 1, "no queued request got its 503 worker_shutdown: " + seen);
  }

  /** Waits (bounded) until the worker reports jobs waiting in its queue behind the running one. */
  private static void awaitQueued(HttpClient http, String base) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      HttpResponse<String> ready =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
              HttpResponse.BodyHandlers.ofString());
      String body = ready.body();
      Matcher m = Pattern.compile("\"queued\"\\s*:\\s*(\\d+)").matcher(body);
      if (m.find() && Integer.parseInt(m.group(1)) >= 3) {
        return;
      }
      Thread.sleep(50);
    }
    fail("no queue built up within 10 s");
  }

  private static JsonObject request(String text, String format) {
    return new JsonObject()
        .put("model", "tts-1")
        .put("voice", "alloy")
        .put("input", text)
        .put("response_format", format)
        .put("seed", 7);
  }

  private static HttpRequest post(String base, JsonObject body) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/audio/speech"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
        .build();
  }

  private static byte[] fetch(HttpClient http, String base, JsonObject body) throws Exception {
    HttpResponse<byte[]> r = http.send(post(base, body), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
    return r.body();
  }

  private static Outcome binary(
      HttpClient http, String base, JsonObject body, byte[] whole, CountDownLatch firstAudio) {
    HttpResponse<InputStream> r;
    try {
      r = http.send(post(base, body), HttpResponse.BodyHandlers.ofInputStream());
    } catch (Exception e) {
      return Outcome.refused(e.toString());
    }
    if (r.statusCode() != 200) {
      return new Outcome(
          "rejected",
          r.statusCode(),
          "Retry-After "
              + r.headers().firstValue("Retry-After").orElse("missing")
              + " "
              + drain(r.body()));
    }
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (InputStream in = r.body()) {
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        got.write(buffer, 0, n);
        if (firstAudio != null && got.size() >= 4096) {
          firstAudio.countDown();
        }
      }
    } catch (IOException e) {
      return new Outcome("cut", 200, got.size() + " bytes, then " + e);
    }
    // A clean end must carry the whole utterance: anything shorter is a hidden loss.
    byte[] all = got.toByteArray();
    if (!java.util.Arrays.equals(whole, all)) {
      return new Outcome("hidden-loss", 200, all.length + " of " + whole.length + " bytes");
    }
    return new Outcome("complete", 200, all.length + " bytes");
  }

  private static Outcome sse(HttpClient http, String base, JsonObject body, byte[] pcmWhole) {
    HttpResponse<InputStream> r;
    try {
      r = http.send(post(base, body), HttpResponse.BodyHandlers.ofInputStream());
    } catch (Exception e) {
      return Outcome.refused(e.toString());
    }
    if (r.statusCode() != 200) {
      return new Outcome(
          "rejected",
          r.statusCode(),
          "Retry-After "
              + r.headers().firstValue("Retry-After").orElse("missing")
              + " "
              + drain(r.body()));
    }
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.startsWith("data: ")) {
          continue;
        }
        JsonObject event = new JsonObject(line.substring(6));
        switch (event.getString("type")) {
          case "speech.audio.delta" ->
              pcm.writeBytes(Base64.getDecoder().decode(event.getString("audio")));
          case "speech.audio.done" -> {
            byte[] all = pcm.toByteArray();
            return java.util.Arrays.equals(pcmWhole, all)
                ? new Outcome("complete", 200, all.length + " bytes")
                : new Outcome("hidden-loss", 200, "done after " + all.length + " bytes");
          }
          case "error" -> {
            return new Outcome("sse-error", 200, event.encode());
          }
          default -> {}
        }
      }
    } catch (IOException e) {
      return new Outcome("cut", 200, pcm.size() + " bytes, then " + e);
    }
    return new Outcome("hidden-loss", 200, "SSE ended without done or error after " + pcm.size());
  }

  private static String drain(InputStream in) {
    try (in) {
      return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /**
   * One WebSocket session with one utterance. Its result: {@code complete} (audio_end after audio),
   * {@code error ...} (an error message), {@code close CODE} (closed before audio_end) or {@code
   * refused}.
   */
  static final class WsSession implements WebSocket.Listener {
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final List<String> types = new CopyOnWriteArrayList<>();
    private final String utterance;
    private long audioBytes;

    private WsSession(String utterance) {
      this.utterance = utterance;
    }

    static WsSession open(HttpClient http, int port, String utterance) {
      WsSession session = new WsSession(utterance);
      http.newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/audio/speech/stream"), session)
          .whenComplete(
              (ws, err) -> {
                if (err != null) {
                  session.result.complete("refused " + err);
                }
              });
      return session;
    }

    CompletableFuture<String> result() {
      return result;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonObject message = new JsonObject(text.toString());
        text.setLength(0);
        String type = message.getString("type");
        types.add(type);
        switch (type) {
          case "ready" -> {
            ws.sendText(new JsonObject().put("type", "text").put("text", utterance).encode(), true);
            ws.sendText(new JsonObject().put("type", "flush").encode(), true);
          }
          case "audio" ->
              audioBytes += Base64.getDecoder().decode(message.getString("chunk")).length;
          case "audio_end" ->
              result.complete(
                  audioBytes > 0 ? "complete " + audioBytes : "error: audio_end without audio");
          case "error" -> result.complete("error " + message.encode());
          default -> {}
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      result.complete(
          "close " + statusCode + " " + reason + " after " + types.size() + " messages");
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      result.complete("error (transport) " + error);
    }
  }
}
