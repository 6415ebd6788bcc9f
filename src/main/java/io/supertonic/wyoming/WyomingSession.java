package io.supertonic.wyoming;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Wyoming connection. Texts are spoken one after the other, in the order they were asked for: a
 * plain {@code synthesize} is one utterance; inside a {@code synthesize-start} … {@code
 * synthesize-stop} stream each sentence becomes its own utterance as soon as it is complete, and
 * {@code synthesize-stopped} follows the last one. The whole-text {@code synthesize} that Home
 * Assistant sends inside a stream, for servers that cannot stream, is ignored.
 */
final class WyomingSession {
  private static final Logger LOG = LoggerFactory.getLogger(WyomingSession.class);

  /** Something to do in order: speak a text, or close a stream. */
  private sealed interface Job permits Speak, StreamEnd {}

  private record Speak(String text, String voice, String lang) implements Job {}

  private record StreamEnd() implements Job {}

  private final Vertx vertx;
  private final NetSocket socket;
  private final WyomingSettings settings;
  private final BusSynthesis bus;
  private final String id;
  private final Handler<WyomingSession> onClosed;
  private final Deque<Job> jobs = new ArrayDeque<>();

  private WyomingUtterance current;
  private int utterances;
  private long idleTimer = -1;
  private boolean closed;

  /** Non-null while a synthesize-start … synthesize-stop stream is open. */
  private StreamedSentences stream;

  private String streamVoice;
  private String streamLang;

  /** A sentence of the current stream failed: the rest is dropped, the stream still ends. */
  private boolean streamFailed;

  WyomingSession(
      Vertx vertx,
      NetSocket socket,
      WyomingSettings settings,
      BusSynthesis bus,
      String id,
      Handler<WyomingSession> onClosed) {
    this.vertx = vertx;
    this.socket = socket;
    this.settings = settings;
    this.bus = bus;
    this.id = id;
    this.onClosed = onClosed;
  }

  void start() {
    WyomingEventParser parser =
        new WyomingEventParser(settings.maxEventBytes(), this::onEvent, this::onProtocolError);
    socket.handler(parser);
    socket.closeHandler(v -> onSocketClosed());
    socket.exceptionHandler(err -> LOG.debug("Wyoming {}: {}", id, err.toString()));
    armIdleTimer();
  }

  String id() {
    return id;
  }

  /** Closes the connection from the server side (shutdown). */
  void close() {
    socket.close();
  }

  private void onEvent(WyomingEvent event) {
    armIdleTimer();
    JsonObject data = event.data();
    switch (event.type()) {
      case WyomingTypes.DESCRIBE -> describe();
      case WyomingTypes.PING -> send(WyomingEvent.of(WyomingTypes.PONG, data));
      case WyomingTypes.SYNTHESIZE -> {
        if (stream == null) {
          synthesize(data);
        }
        // Inside a stream it repeats the whole text for servers without streaming: ignore it.
      }
      case WyomingTypes.SYNTHESIZE_START -> startStream(data);
      case WyomingTypes.SYNTHESIZE_CHUNK -> streamChunk(data);
      case WyomingTypes.SYNTHESIZE_STOP -> stopStream();
      default -> LOG.debug("Wyoming {}: ignoring event '{}'", id, event.type());
    }
  }

  private void describe() {
    bus.workerInfo()
        .onSuccess(info -> send(WyomingEvent.of(WyomingTypes.INFO, TtsInfo.fromWorker(info))))
        .onFailure(
            err ->
                send(
                    WyomingEvent.error(
                        "no_worker", "No synthesis worker is available: " + err.getMessage())));
  }

  private void synthesize(JsonObject data) {
    Object text = data.getValue("text");
    if (!(text instanceof String s)) {
      send(WyomingEvent.error("invalid_request", "synthesize needs a \"text\" string"));
      return;
    }
    if (s.length() > settings.maxInputChars()) {
      send(
          WyomingEvent.error(
              "text_too_long",
              "text has " + s.length() + " characters; the limit is " + settings.maxInputChars()));
      return;
    }
    JsonObject voice = voiceOf(data);
    enqueue(new Speak(s, voiceName(voice), voiceLang(voice)));
  }

  private void startStream(JsonObject data) {
    if (stream != null) {
      send(WyomingEvent.error("invalid_request", "synthesize-start inside an open stream"));
      return;
    }
    JsonObject voice = voiceOf(data);
    stream = new StreamedSentences();
    streamVoice = voiceName(voice);
    streamLang = voiceLang(voice);
    streamFailed = false;
  }

  private void streamChunk(JsonObject data) {
    if (stream == null) {
      send(WyomingEvent.error("invalid_request", "synthesize-chunk outside a stream"));
      return;
    }
    String text = data.getValue("text") instanceof String s ? s : "";
    if (stream.received() + text.length() > settings.maxInputChars()) {
      send(
          WyomingEvent.error(
              "text_too_long",
              "the stream passed the limit of " + settings.maxInputChars() + " characters"));
      streamFailed = true;
      return;
    }
    for (String sentence : stream.add(text)) {
      enqueue(new Speak(sentence, streamVoice, streamLang));
    }
  }

  private void stopStream() {
    if (stream == null) {
      send(WyomingEvent.error("invalid_request", "synthesize-stop outside a stream"));
      return;
    }
    String rest = stream.drain();
    stream = null;
    if (!rest.isEmpty()) {
      enqueue(new Speak(rest, streamVoice, streamLang));
    }
    enqueue(new StreamEnd());
  }

  private void enqueue(Job job) {
    jobs.add(job);
    runNext();
  }

  private void runNext() {
    while (current == null && !closed && !jobs.isEmpty()) {
      Job job = jobs.poll();
      if (job instanceof StreamEnd) {
        streamFailed = false;
        send(WyomingEvent.of(WyomingTypes.SYNTHESIZE_STOPPED));
      } else if (job instanceof Speak speak) {
        if (streamFailed && isStreamJob()) {
          continue;
        }
        speak(speak);
      }
    }
  }

  /** Jobs queued while a stream is open or before its end marker belong to that stream. */
  private boolean isStreamJob() {
    return stream != null || jobs.stream().anyMatch(j -> j instanceof StreamEnd);
  }

  private void speak(Speak speak) {
    String utteranceId = id + "-" + (++utterances);
    if (speak.text().isBlank()) {
      send(WyomingEvent.error("empty_text", "synthesize needs some text to speak"));
      return;
    }
    WyomingUtterance utterance =
        new WyomingUtterance(
            vertx,
            socket,
            utteranceId,
            speak.text(),
            speak.voice(),
            speak.lang(),
            outcome -> onUtteranceDone(outcome));
    current = utterance;
    utterance.start(bus);
  }

  private void onUtteranceDone(WyomingUtterance.Outcome outcome) {
    current = null;
    if (outcome == WyomingUtterance.Outcome.ERROR && isStreamJob()) {
      streamFailed = true;
    }
    armIdleTimer();
    runNext();
  }

  private void onProtocolError(WyomingProtocolException err) {
    LOG.debug("Wyoming {}: protocol error: {}", id, err.getMessage());
    send(WyomingEvent.error(err.code(), err.getMessage()));
    if (err.fatal()) {
      socket.end();
    }
  }

  private void send(WyomingEvent event) {
    if (!closed) {
      socket.write(event.encode());
    }
  }

  private static JsonObject voiceOf(JsonObject data) {
    return data.getValue("voice") instanceof JsonObject v ? v : new JsonObject();
  }

  /** The voice of a name as {@code info} advertises it ({@code F1@de}), or as the API takes it. */
  private String voiceName(JsonObject voice) {
    if (!(voice.getValue("name") instanceof String name) || name.isBlank()) {
      return settings.defaultVoice();
    }
    int at = name.lastIndexOf(TtsInfo.LANGUAGE_SEPARATOR);
    return at > 0 ? name.substring(0, at) : name;
  }

  /** {@code voice.language}, else the language of an advertised name, else the default. */
  private String voiceLang(JsonObject voice) {
    if (voice.getValue("language") instanceof String lang && !lang.isBlank()) {
      return lang;
    }
    if (voice.getValue("name") instanceof String name) {
      int at = name.lastIndexOf(TtsInfo.LANGUAGE_SEPARATOR);
      if (at > 0 && at < name.length() - 1) {
        return name.substring(at + 1);
      }
    }
    return settings.defaultLang();
  }

  private void armIdleTimer() {
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
      idleTimer = -1;
    }
    if (closed || settings.idleTimeoutMs() <= 0) {
      return;
    }
    idleTimer =
        vertx.setTimer(
            settings.idleTimeoutMs(),
            t -> {
              idleTimer = -1;
              if (current != null || !jobs.isEmpty()) {
                armIdleTimer();
              } else {
                LOG.info("Wyoming {}: closing idle connection", id);
                socket.close();
              }
            });
  }

  private void onSocketClosed() {
    if (closed) {
      return;
    }
    closed = true;
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
    }
    jobs.clear();
    if (current != null) {
      current.cancel();
    }
    onClosed.handle(this);
  }
}
