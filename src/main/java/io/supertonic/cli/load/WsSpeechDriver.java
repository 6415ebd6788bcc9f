package io.supertonic.cli.load;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One utterance over {@code WS /v1/audio/speech/stream} per request, as a voice agent sends it:
 * connect, {@code config} (binary PCM), {@code text}, {@code flush}, then binary audio frames until
 * {@code audio_end}. Times count from the request's arrival, connection set-up included (a voice
 * agent usually keeps its socket open, so WebSocket TTFB is slightly pessimistic); the protocol
 * reports no queue wait.
 */
public final class WsSpeechDriver implements SpeechDriver {
  private final HttpClient client;
  private final URI endpoint;
  private final RequestOptions options;

  public WsSpeechDriver(String baseUrl, RequestOptions options) {
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.endpoint =
        URI.create(
            baseUrl.replaceAll("/+$", "").replaceFirst("^http", "ws") + "/v1/audio/speech/stream");
    this.options = options;
  }

  /** What the listener thread hands to the measuring thread. */
  private sealed interface Event {}

  private record Json(JsonObject message) implements Event {}

  private record Audio(long atNanos, int bytes) implements Event {}

  private record Closed(String why) implements Event {}

  @Override
  public RequestResult send(int index, Corpus.Entry entry, long startNanos) {
    LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    long deadline = System.nanoTime() + options.timeout().toNanos();
    WebSocket socket = null;
    try {
      socket =
          client
              .newWebSocketBuilder()
              .buildAsync(endpoint, new Listener(events))
              .get(10, TimeUnit.SECONDS);
      int rate = 44100;
      Event ready = next(events, deadline);
      if (ready instanceof Json r && "ready".equals(r.message().getString("type"))) {
        rate = r.message().getInteger("sample_rate", rate);
      } else {
        return RequestResult.failed(
            index, entry, HttpSpeechDriver.elapsedMs(startNanos), "no ready: " + ready);
      }
      JsonObject config =
          new JsonObject()
              .put("type", "config")
              .put("voice", options.voice())
              .put("lang", entry.lang())
              .put("binary", true);
      if (options.totalSteps() > 0) {
        config.put("total_steps", options.totalSteps());
      }
      socket.sendText(config.encode(), true).get(10, TimeUnit.SECONDS);
      Event ack = next(events, deadline);
      if (!(ack instanceof Json a && "config_ack".equals(a.message().getString("type")))) {
        return RequestResult.failed(
            index, entry, HttpSpeechDriver.elapsedMs(startNanos), "no config_ack: " + ack);
      }
      long origin = startNanos;
      socket.sendText(
          new JsonObject().put("type", "text").put("text", entry.text()).encode(), true);
      socket
          .sendText(new JsonObject().put("type", "flush").encode(), true)
          .get(10, TimeUnit.SECONDS);
      PlaybackSimulator player = new PlaybackSimulator(rate * 2.0);
      double ttfb = -1;
      while (true) {
        Event e = next(events, deadline);
        if (e instanceof Audio audio) {
          double at = (audio.atNanos() - origin) / 1e6;
          if (ttfb < 0) {
            ttfb = at;
          }
          player.arrived(at / 1000.0, audio.bytes());
        } else if (e instanceof Json j) {
          String type = j.message().getString("type", "");
          if (type.equals("audio_end")) {
            return new RequestResult(
                index,
                entry.lang(),
                entry.chars(),
                ttfb < 0 ? "error" : "ok",
                -1,
                ttfb,
                HttpSpeechDriver.elapsedMs(origin),
                player.audioSeconds(),
                player.underruns(),
                player.gapSeconds(),
                ttfb < 0 ? "no audio" : null);
          }
          if (type.equals("error")) {
            String message = j.message().getString("message", "");
            double ms = HttpSpeechDriver.elapsedMs(origin);
            return message.toLowerCase(Locale.ROOT).matches(".*(busy|queue|capacity).*")
                ? RequestResult.rejected(index, entry, ms, message)
                : RequestResult.failed(index, entry, ms, message);
          }
        } else if (e instanceof Closed c) {
          return RequestResult.failed(
              index, entry, HttpSpeechDriver.elapsedMs(origin), "socket closed: " + c.why());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RequestResult.failed(
          index, entry, HttpSpeechDriver.elapsedMs(startNanos), "interrupted");
    } catch (Exception e) {
      return RequestResult.failed(
          index, entry, HttpSpeechDriver.elapsedMs(startNanos), e.toString());
    } finally {
      if (socket != null) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        socket.abort();
      }
    }
  }

  private static Event next(LinkedBlockingQueue<Event> events, long deadline) throws Exception {
    Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    if (e == null) {
      throw new java.util.concurrent.TimeoutException("no answer within the request timeout");
    }
    return e;
  }

  private static final class Listener implements WebSocket.Listener {
    private final LinkedBlockingQueue<Event> events;
    private final StringBuilder text = new StringBuilder();
    private long binaryStart;
    private int binaryBytes;

    Listener(LinkedBlockingQueue<Event> events) {
      this.events = events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        events.add(new Json(new JsonObject(text.toString())));
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      if (binaryBytes == 0) {
        binaryStart = System.nanoTime();
      }
      binaryBytes += data.remaining();
      if (last) {
        events.add(new Audio(binaryStart, binaryBytes));
        binaryBytes = 0;
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      events.add(new Closed(status + " " + reason));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      events.add(new Closed(error.toString()));
    }
  }
}
