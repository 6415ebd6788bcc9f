package io.supertonic.cluster.jvm;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One streaming {@code POST /v1/audio/speech} (raw PCM) read at the test's pace: the test decides
 * when to read, so a stream can be held open (the worker's slot stays busy) while nodes die. Every
 * read is bounded by a timeout.
 */
public final class SpeechStream implements AutoCloseable {
  /** A text whose audio takes long enough that the stream is still running when a node dies. */
  public static final String LONG_TEXT =
      "A sentence that keeps the worker busy for a while. ".repeat(150);

  private final HttpResponse<InputStream> response;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final ExecutorService reader = Executors.newSingleThreadExecutor();

  private SpeechStream(HttpResponse<InputStream> response) {
    this.response = response;
  }

  /** Sends the request and waits (bounded) for the response headers. */
  public static SpeechStream open(NodeProcess gateway, String text, long seed, Duration timeout)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/audio/speech"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject()
                        .put("input", text)
                        .put("voice", "F2")
                        .put("response_format", "pcm")
                        .put("seed", seed)
                        .encode()))
            .build();
    HttpResponse<InputStream> response =
        client
            .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return new SpeechStream(response);
  }

  public int status() {
    return response.statusCode();
  }

  public String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** Reads until at least {@code total} bytes have arrived in all; fails after the timeout. */
  public void awaitBytes(int total, Duration timeout) throws Exception {
    int missing = total - received.size();
    if (missing <= 0) {
      return;
    }
    byte[] chunk = bounded(() -> response.body().readNBytes(missing), timeout);
    received.writeBytes(chunk);
    if (chunk.length < missing) {
      throw new AssertionError(
          "The stream ended after " + received.size() + " bytes, before " + total);
    }
  }

  /** How the rest of the stream ended. */
  public record End(boolean clean, int bytes, IOException error, Duration took) {}

  /**
   * Reads to the end: {@code clean} when the response ended normally (the terminating chunk
   * arrived), otherwise the I/O error the client saw. Fails if neither happens within the timeout.
   */
  public End readToEnd(Duration timeout) throws Exception {
    long start = System.nanoTime();
    try {
      byte[] rest = bounded(() -> response.body().readAllBytes(), timeout);
      received.writeBytes(rest);
      return new End(true, received.size(), null, since(start));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        return new End(false, received.size(), io, since(start));
      }
      throw e;
    }
  }

  public byte[] bytes() {
    return received.toByteArray();
  }

  private <T> T bounded(java.util.concurrent.Callable<T> read, Duration timeout) throws Exception {
    Future<T> future = reader.submit(read);
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError("No end of stream within " + timeout.toMillis() + " ms", e);
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // Closing is what the test wants; an error on the way is moot.
    }
    reader.shutdownNow();
  }
}
