package io.supertonic.ws;

import io.supertonic.bus.Addresses;
import io.supertonic.bus.ChunkHeader;
import io.supertonic.bus.ControlMessage;
import io.supertonic.bus.EndStats;
import io.supertonic.bus.ErrorCode;
import io.supertonic.bus.JobAccepted;
import io.supertonic.bus.StreamMessage;
import io.supertonic.bus.SynthesisFailure;
import io.supertonic.bus.SynthesisFailureCodec;
import io.supertonic.bus.SynthesisProtocol;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the synthesis worker that speaks the bus contract (credits, cancel at chunk
 * boundaries, keep-alives, one terminal message) without a model; it does not advertise, so clients
 * reach it on the entry address: each request yields one chunk of {@link #CHUNK_SAMPLES} samples
 * per started {@link #CHARS_PER_CHUNK} characters of text. Text containing "[fail]" is refused as
 * invalid; the voice "nope" is unknown.
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

  private final java.util.Set<Job> owing = new java.util.HashSet<>();

  @Override
  public Future<?> start() {
    SynthesisFailureCodec.register(vertx);
    vertx.setPeriodic(
        SynthesisProtocol.KEEPALIVE_INTERVAL_MS / 2,
        id -> owing.forEach(job -> job.send(new StreamMessage.KeepAlive().toJson())));
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
      message.reply(
          new SynthesisFailure(ErrorCode.INVALID_REQUEST, "fake refusal of this input", "input"));
      return;
    }
    if (running >= maxConcurrent && queue.size() >= maxQueue) {
      message.reply(new SynthesisFailure(ErrorCode.QUEUE_FULL, "busy"));
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
                  new JobAccepted(
                          control,
                          control,
                          "fake",
                          voice.equals("alloy") ? "F1" : voice,
                          body.getString("lang", "en"),
                          SAMPLE_RATE,
                          7,
                          running < maxConcurrent ? 0 : queue.size() + 1)
                      .toJson());
              queue.add(job);
              owing.add(job);
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

    void send(Object body) {
      vertx.eventBus().send(stream, body);
    }

    void onControl(JsonObject json) {
      ControlMessage control = ControlMessage.fromJson(json).orElse(null);
      if (control instanceof ControlMessage.Credit credit) {
        credits += credit.n();
      } else if (control instanceof ControlMessage.Cancel) {
        cancelled = true;
        if (!started && queue.remove(this)) {
          terminal(new StreamMessage.Cancelled("client").toJson(), false);
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
        terminal(new StreamMessage.Cancelled("client").toJson(), true);
      } else if (remaining == 0) {
        double audioS = seq * chunkSamples / (double) SAMPLE_RATE;
        terminal(
            new StreamMessage.End(
                    new EndStats(
                        seq, seq * chunkSamples, audioS, audioS * 100, -1, -1, 0.1, 7, null, null))
                .toJson(),
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
                    .send(stream, pcm, new ChunkHeader(seq++, 1.0, -1).toDeliveryOptions());
              }
              step();
            });
      }
    }

    private void terminal(JsonObject message, boolean wasRunning) {
      finished = true;
      owing.remove(this);
      vertx.eventBus().send(stream, message);
      if (wasRunning) {
        running--;
        pump();
      }
    }
  }
}
