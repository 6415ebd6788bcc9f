package io.supertonic.ws;

import io.supertonic.bus.Addresses;
import io.supertonic.bus.SynthesisProtocol;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the synthesis worker that speaks {@link SynthesisProtocol} exactly (credits,
 * cancel at chunk boundaries, one terminal message) without a model: each request yields one chunk
 * of {@link #CHUNK_SAMPLES} samples per started {@link #CHARS_PER_CHUNK} characters of text. Text
 * containing "[fail]" is refused as invalid; the voice "nope" is unknown.
 */
final class FakeSynthesisWorker extends VerticleBase {
  static final int SAMPLE_RATE = 44_100;
  static final int CHUNK_SAMPLES = 4_410;
  static final int CHARS_PER_CHUNK = 20;

  final List<String> texts = new CopyOnWriteArrayList<>();
  private final int maxConcurrent;
  private final int maxQueue;
  private final long chunkDelayMs;
  private final int chunkSamples;
  private final Deque<Job> queue = new ArrayDeque<>();
  private int running;

  FakeSynthesisWorker(int maxConcurrent, int maxQueue, long chunkDelayMs) {
    this(maxConcurrent, maxQueue, chunkDelayMs, CHUNK_SAMPLES);
  }

  FakeSynthesisWorker(int maxConcurrent, int maxQueue, long chunkDelayMs, int chunkSamples) {
    this.chunkSamples = chunkSamples;
    this.maxConcurrent = maxConcurrent;
    this.maxQueue = maxQueue;
    this.chunkDelayMs = chunkDelayMs;
  }

  static int expectedSamples(String text) {
    return chunks(text) * CHUNK_SAMPLES;
  }

  static int chunks(String text) {
    return Math.max(1, (text.length() + CHARS_PER_CHUNK - 1) / CHARS_PER_CHUNK);
  }

  @Override
  public Future<?> start() {
    return Future.all(
        vertx.eventBus().<JsonObject>consumer(Addresses.SYNTH, this::onRequest).completion(),
        vertx
            .eventBus()
            .consumer(
                Addresses.WORKER_PING,
                m ->
                    m.reply(
                        new JsonObject()
                            .put("sample_rate", SAMPLE_RATE)
                            .put("voices", new JsonArray(List.of("F1", "F2", "M1")))
                            .put("languages", new JsonArray(List.of("en", "ko")))))
            .completion());
  }

  private void onRequest(Message<JsonObject> message) {
    JsonObject body = message.body();
    String text = body.getString("text", "");
    String voice = body.getString("voice") == null ? "F1" : body.getString("voice");
    if (text.contains("[fail]") || voice.equals("nope")) {
      message.fail(
          SynthesisProtocol.FAILURE_INVALID,
          new JsonObject()
              .put("message", "fake refusal of this input")
              .put("code", "invalid_input")
              .encode());
      return;
    }
    if (running >= maxConcurrent && queue.size() >= maxQueue) {
      message.fail(
          SynthesisProtocol.FAILURE_BUSY, new JsonObject().put("message", "busy").encode());
      return;
    }
    texts.add(text);
    Job job = new Job(body.getString("stream"), chunks(text), body.getInteger("credits", 1));
    String control = "fake.job." + UUID.randomUUID();
    vertx
        .eventBus()
        .<JsonObject>consumer(control, m -> job.onControl(m.body()))
        .completion()
        .onSuccess(
            v -> {
              message.reply(
                  new JsonObject()
                      .put("job", control)
                      .put("control", control)
                      .put("voice", voice.equals("alloy") ? "F1" : voice)
                      .put("lang", body.getString("lang", "en"))
                      .put("sample_rate", SAMPLE_RATE)
                      .put("seed", 7)
                      .put("queued", queue.size()));
              queue.add(job);
              pump();
            });
  }

  private void pump() {
    while (running < maxConcurrent && !queue.isEmpty()) {
      running++;
      queue.poll().step();
    }
  }

  private final class Job {
    private final String stream;
    private int remaining;
    private int credits;
    private int seq;
    private boolean cancelled;
    private boolean started;
    private boolean waitingForTimer;
    private boolean finished;

    Job(String stream, int chunks, int credits) {
      this.stream = stream;
      this.remaining = chunks;
      this.credits = credits;
    }

    void onControl(JsonObject control) {
      if (SynthesisProtocol.TYPE_CREDIT.equals(control.getString("type"))) {
        credits += control.getInteger("n", 1);
      } else if (SynthesisProtocol.TYPE_CANCEL.equals(control.getString("type"))) {
        cancelled = true;
        if (!started && queue.remove(this)) {
          terminal(new JsonObject().put("type", SynthesisProtocol.TYPE_CANCELLED), false);
          return;
        }
      }
      if (started) {
        step();
      }
    }

    void step() {
      started = true;
      if (finished || waitingForTimer) {
        return;
      }
      if (cancelled) {
        terminal(new JsonObject().put("type", SynthesisProtocol.TYPE_CANCELLED), true);
      } else if (remaining == 0) {
        double audioS = seq * chunkSamples / (double) SAMPLE_RATE;
        terminal(
            new JsonObject()
                .put("type", SynthesisProtocol.TYPE_END)
                .put(
                    "stats",
                    new JsonObject()
                        .put("chunks", seq)
                        .put("samples", seq * chunkSamples)
                        .put("audio_s", audioS)
                        .put("synth_ms", audioS * 100)),
            true);
      } else if (credits > 0) {
        waitingForTimer = true;
        vertx.setTimer(
            Math.max(1, chunkDelayMs),
            t -> {
              waitingForTimer = false;
              if (!cancelled) {
                credits--;
                remaining--;
                Buffer pcm = Buffer.buffer(chunkSamples * 2);
                for (int i = 0; i < chunkSamples; i++) {
                  pcm.appendShortLE((short) (1000 * Math.sin(i / 10.0)));
                }
                vertx
                    .eventBus()
                    .send(
                        stream,
                        pcm,
                        new DeliveryOptions()
                            .addHeader(SynthesisProtocol.HEADER_TYPE, SynthesisProtocol.TYPE_CHUNK)
                            .addHeader(SynthesisProtocol.HEADER_SEQ, Integer.toString(seq++)));
              }
              step();
            });
      }
    }

    private void terminal(JsonObject message, boolean wasRunning) {
      finished = true;
      vertx.eventBus().send(stream, message);
      if (wasRunning) {
        running--;
        pump();
      }
    }
  }
}
