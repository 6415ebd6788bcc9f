package io.supertonic.cli.load;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code POST /v1/audio/speech} with raw PCM, read as it streams: every read's arrival time feeds
 * the {@link PlaybackSimulator}; the queue wait comes from the {@code Server-Timing} header.
 */
public final class HttpSpeechDriver implements SpeechDriver {
  private final HttpClient client;
  private final URI endpoint;
  private final RequestOptions options;

  public HttpSpeechDriver(String baseUrl, RequestOptions options) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + io.supertonic.http.HttpVerticle.SPEECH_PATH);
    this.options = options;
  }

  @Override
  public RequestResult send(int index, Corpus.Entry entry, long startNanos) {
    JsonObject body =
        new JsonObject()
            .put("model", "tts-1")
            .put("input", entry.text())
            .put("voice", options.voice())
            .put("lang", entry.lang())
            .put("response_format", "pcm")
            .put("seed", (long) index);
    if (options.totalSteps() > 0) {
      body.put("total_steps", options.totalSteps());
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(options.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          String text = new String(in.readNBytes(2000), StandardCharsets.UTF_8);
          double ms = elapsedMs(startNanos);
          return response.statusCode() == 503 || response.statusCode() == 429
              ? RequestResult.rejected(index, entry, ms, "HTTP " + response.statusCode())
              : RequestResult.failed(
                  index, entry, ms, "HTTP " + response.statusCode() + ": " + text);
        }
        int rate = Integer.parseInt(response.headers().firstValue("X-Sample-Rate").orElse("44100"));
        double queueMs =
            response
                .headers()
                .firstValue("Server-Timing")
                .map(header -> ServerTiming.durationMs(header, "queue"))
                .orElse(-1.0);
        PlaybackSimulator player = new PlaybackSimulator(rate * 2.0);
        byte[] buffer = new byte[16384];
        double ttfb = -1;
        int n;
        while ((n = in.read(buffer)) >= 0) {
          double at = elapsedMs(startNanos);
          if (n > 0 && ttfb < 0) {
            ttfb = at;
          }
          player.arrived(at / 1000.0, n);
        }
        return new RequestResult(
            index,
            entry.lang(),
            entry.chars(),
            ttfb < 0 ? "error" : "ok",
            queueMs,
            ttfb,
            elapsedMs(startNanos),
            player.audioSeconds(),
            player.underruns(),
            player.gapSeconds(),
            ttfb < 0 ? "empty response" : null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RequestResult.failed(index, entry, elapsedMs(startNanos), "interrupted");
    } catch (Exception e) {
      return RequestResult.failed(index, entry, elapsedMs(startNanos), e.toString());
    }
  }

  static double elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
