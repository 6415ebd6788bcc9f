package io.supertonic.ui;

import io.supertonic.metrics.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Serves the real webroot next to a scripted stand-in for the HTTP API, so the console can be
 * tested without the engine. Speech is a 440 Hz tone sent in two chunks 80 ms apart, so the page
 * really reads a streamed body. A request whose input contains {@link #FAIL_MARKER} gets an
 * OpenAI-style 400 error. Metrics come back in the seed's shapes; records use the shared {@link
 * RequestRecord} JSON.
 */
final class FakeTtsApi implements AutoCloseable {
  static final String FAIL_MARKER = "please fail";
  static final int SAMPLE_RATE = 44100;
  static final double TONE_SECONDS = 0.6;

  private static final Map<String, String> ALIASES =
      Map.of("alloy", "F1", "nova", "F4", "echo", "M4");
  private static final List<String> NATIVE =
      List.of("F1", "F2", "F3", "F4", "F5", "M1", "M2", "M3", "M4", "M5");
  private static final List<String> LANGS = List.of("en", "ko", "ja", "de", "fr", "na");

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<JsonObject> speechRequests = new CopyOnWriteArrayList<>();
  private final List<RequestRecord> records = new CopyOnWriteArrayList<>();

  FakeTtsApi() throws Exception {
    Router router = Router.router(vertx);
    router.get("/healthz").handler(this::health);
    router.get("/v1/voices").handler(this::voices);
    router.get("/metrics/summary").handler(this::summary);
    router.get("/metrics/recent").handler(this::recent);
    router.post("/v1/audio/speech").handler(BodyHandler.create()).handler(this::speech);
    router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/";
  }

  /** Bodies of every POST /v1/audio/speech received, in order. */
  List<JsonObject> speechRequests() {
    return List.copyOf(speechRequests);
  }

  private void health(RoutingContext ctx) {
    json(
        ctx.response(),
        200,
        new JsonObject()
            .put("status", "ok")
            .put("model", "supertonic-3")
            .put("sample_rate", SAMPLE_RATE)
            .put("voices", new JsonArray(NATIVE))
            .put("languages", new JsonArray(LANGS))
            .put("ws_enabled", true));
  }

  private void voices(RoutingContext ctx) {
    JsonArray data = new JsonArray();
    ALIASES.forEach((a, v) -> data.add(new JsonObject().put("id", a).put("supertonic_voice", v)));
    NATIVE.forEach(v -> data.add(new JsonObject().put("id", v).put("supertonic_voice", v)));
    json(
        ctx.response(),
        200,
        new JsonObject()
            .put("object", "list")
            .put("supertonic_voices", new JsonArray(NATIVE))
            .put("openai_aliases", new JsonObject(new java.util.TreeMap<>(ALIASES)))
            .put("data", data));
  }

  private void speech(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    speechRequests.add(body);
    String input = body.getString("input", "");
    String format = body.getString("response_format", "mp3");
    String voice = body.getString("voice", "alloy");
    HttpServerResponse res = ctx.response();
    if (input.contains(FAIL_MARKER)) {
      record(body, "error", -1, 0, 0, "scripted failure");
      json(
          res,
          400,
          new JsonObject()
              .put(
                  "error",
                  new JsonObject()
                      .put("message", "Input rejected by the test server: " + FAIL_MARKER)
                      .put("type", "invalid_request_error")
                      .put("param", "input")
                      .put("code", "scripted")));
      return;
    }
    if (!format.equals("wav") && !format.equals("pcm")) {
      json(
          res,
          400,
          new JsonObject()
              .put(
                  "error",
                  new JsonObject()
                      .put("message", "The fake API only streams wav and pcm, not " + format)
                      .put("type", "invalid_request_error")
                      .put("param", "response_format")));
      return;
    }
    byte[] pcm = tone();
    res.setChunked(true)
        .putHeader("Content-Type", format.equals("wav") ? "audio/wav" : "audio/pcm")
        .putHeader("X-Sample-Rate", String.valueOf(SAMPLE_RATE))
        .putHeader("X-Voice", ALIASES.getOrDefault(voice, voice))
        .putHeader("X-Language", body.getString("lang", "en"));
    Buffer first = Buffer.buffer();
    if (format.equals("wav")) {
      first.appendBytes(streamingWavHeader());
    }
    int half = pcm.length / 2;
    first.appendBytes(pcm, 0, half);
    long started = System.nanoTime();
    res.write(first);
    vertx.setTimer(
        80,
        t -> {
          res.end(Buffer.buffer().appendBytes(pcm, half, pcm.length - half));
          double totalMs = (System.nanoTime() - started) / 1e6 + 5;
          record(body, "ok", 5, totalMs, pcm.length, null);
        });
  }

  private void record(
      JsonObject body, String status, double ttfb, double totalMs, long bytes, String error) {
    double audioS = bytes / 2.0 / SAMPLE_RATE;
    String input = body.getString("input", "");
    records.add(
        new RequestRecord(
            String.valueOf(records.size() + 1),
            System.currentTimeMillis(),
            RequestRecord.snippet(input),
            input.length(),
            ALIASES.getOrDefault(body.getString("voice"), body.getString("voice")),
            body.getString("lang", "en"),
            body.getString("response_format", "mp3"),
            status,
            ttfb,
            totalMs,
            bytes,
            audioS,
            audioS > 0 ? totalMs / 1000 / audioS : 0,
            error,
            "http"));
  }

  private void summary(RoutingContext ctx) {
    List<RequestRecord> all = new ArrayList<>(records);
    long ok = all.stream().filter(r -> r.status().equals("ok")).count();
    long bytes = all.stream().mapToLong(RequestRecord::bytes).sum();
    double audio = all.stream().mapToDouble(RequestRecord::audioS).sum();
    double[] ttfb =
        all.stream()
            .filter(r -> r.status().equals("ok"))
            .mapToDouble(RequestRecord::ttfbMs)
            .sorted()
            .toArray();
    double[] rtf =
        all.stream().filter(r -> r.rtf() > 0).mapToDouble(RequestRecord::rtf).sorted().toArray();
    json(
        ctx.response(),
        200,
        new JsonObject()
            .put("uptime_s", 12.5)
            .put("active", 0)
            .put(
                "totals",
                new JsonObject()
                    .put("requests", all.size())
                    .put("ok", ok)
                    .put("error", all.size() - ok)
                    .put("cancelled", 0)
                    .put("bytes", bytes)
                    .put("audio_s", audio))
            .put(
                "window",
                new JsonObject()
                    .put("buffer_capacity", 100)
                    .put("buffer_used", all.size())
                    .put("rps_1m", all.size() / 60.0)
                    .put("rps_5m", all.size() / 300.0)
                    .put("error_rate", all.isEmpty() ? 0 : (all.size() - ok) / (double) all.size())
                    .put("ttfb_ms", percentiles(ttfb))
                    .put("rtf", percentiles(rtf))));
  }

  private static JsonObject percentiles(double[] sorted) {
    JsonObject p = new JsonObject().put("count", sorted.length);
    for (int q : new int[] {50, 95, 99}) {
      p.put(
          "p" + q,
          sorted.length == 0 ? 0.0 : sorted[Math.min(sorted.length - 1, sorted.length * q / 100)]);
    }
    return p;
  }

  private void recent(RoutingContext ctx) {
    JsonArray data = new JsonArray();
    List<RequestRecord> all = new ArrayList<>(records);
    for (int i = all.size() - 1; i >= 0; i--) {
      data.add(all.get(i).toJson());
    }
    json(ctx.response(), 200, new JsonObject().put("data", data));
  }

  private static void json(HttpServerResponse res, int status, JsonObject body) {
    res.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** A 440 Hz tone at half scale, s16le mono. */
  private static byte[] tone() {
    int n = (int) (SAMPLE_RATE * TONE_SECONDS);
    byte[] out = new byte[n * 2];
    for (int i = 0; i < n; i++) {
      short s = (short) (Math.sin(2 * Math.PI * 440 * i / SAMPLE_RATE) * 16000);
      out[2 * i] = (byte) s;
      out[2 * i + 1] = (byte) (s >> 8);
    }
    return out;
  }

  /**
   * The header a streaming server sends before it knows the length: both sizes at their maximum.
   */
  private static byte[] streamingWavHeader() {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0xFFFFFFFF);
    b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2);
    b.putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0xFFFFFFFF);
    return b.array();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
