package io.supertonic.ws;

import io.supertonic.testing.FuzzValues;
import io.supertonic.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated WebSocket client messages on one long-lived session: after each, a bare {@code config}
 * message must come back acknowledged, and everything the server sent in between must be a
 * well-formed protocol message (errors with a code and a short message). The socket only closes
 * normally (a {@code close} message) or with 1009 for an oversize message, and then a new session
 * opens as before.
 */
class WsFuzzTest {
  private static final int MAX_MESSAGE_BYTES = 8192;
  private static final Set<String> SERVER_TYPES =
      Set.of("ready", "config_ack", "error", "audio_start", "audio", "audio_end", "cancelled");
  private static Path dir;
  private static TestServer server;
  private static WsTestClient client;

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("supertonic-ws-fuzz");
    server =
        TestServer.start(
            dir,
            new JsonObject()
                .put("max_input_chars", 300)
                .put("total_steps", 1)
                .put("ws_max_message_bytes", MAX_MESSAGE_BYTES)
                .put("ws_max_queued_utterances", 4));
    client = connect();
  }

  @AfterContainer
  static void stop() throws Exception {
    try {
      client.close();
    } finally {
      server.close();
    }
  }

  private static WsTestClient connect() throws Exception {
    WsTestClient c = WsTestClient.connect(server.vertx(), server.port());
    c.expect("ready");
    return c;
  }

  private static Arbitrary<String> member(String key) {
    Arbitrary<String> plausible =
        switch (key) {
          case "text" -> FuzzValues.oddStrings(40).map(FuzzValues::quote);
          case "voice" ->
              Arbitraries.of("F1", "M1", "alloy", "F1+M2", "F1:1d", "Z9").map(FuzzValues::quote);
          case "lang" -> Arbitraries.of("en", "ko", "auto", "xx").map(FuzzValues::quote);
          case "speed" -> Arbitraries.of("1", "0.5", "2", "0.4", "9");
          case "total_steps" -> Arbitraries.of("1", "2", "0", "51");
          case "auto_flush", "binary" -> Arbitraries.of("true", "false", "1");
          case "sample_rate" -> Arbitraries.of("16000", "24000", "7999", "100000");
          default -> FuzzValues.oddStrings(8).map(FuzzValues::quote);
        };
    return Arbitraries.frequencyOf(Tuple.of(5, plausible), Tuple.of(1, FuzzValues.values(2)))
        .map(v -> FuzzValues.quote(key) + ":" + v);
  }

  @Provide
  Arbitrary<String> messages() {
    Arbitrary<String> type =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.of("text", "flush", "config", "cancel")),
            Tuple.of(1, Arbitraries.of("close", "TEXT", " flush ", "speak", "")),
            Tuple.of(1, FuzzValues.values(1)));
    Arbitrary<String> object =
        Combinators.combine(
                type,
                Arbitraries.subsetOf(
                        "text",
                        "voice",
                        "lang",
                        "speed",
                        "total_steps",
                        "auto_flush",
                        "binary",
                        "sample_rate",
                        "extra")
                    .flatMap(
                        keys ->
                            Combinators.combine(keys.stream().map(WsFuzzTest::member).toList())
                                .as(l -> l)))
            .as(
                (t, members) -> {
                  String typeMember =
                      t.startsWith("\"") || !t.matches("[a-zA-Z ]*")
                          ? "\"type\":" + t
                          : "\"type\":" + FuzzValues.quote(t);
                  return "{"
                      + typeMember
                      + (members.isEmpty() ? "" : "," + String.join(",", members))
                      + "}";
                });
    return Arbitraries.frequencyOf(
        Tuple.of(12, object),
        Tuple.of(2, FuzzValues.mangled(object)),
        Tuple.of(1, FuzzValues.values(3)),
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(MAX_MESSAGE_BYTES - 40, MAX_MESSAGE_BYTES + 40)
                .map(n -> "{\"type\":\"text\",\"text\":\"" + "z".repeat(n) + "\"}")));
  }

  @Property(tries = 400)
  void everyMessageGetsWellFormedAnswersAndTheSessionGoesOn(@ForAll("messages") String message)
      throws Exception {
    client.sendRaw(message);
    client.send(new JsonObject().put("type", "config"));
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      Object frame = client.poll(50);
      if (frame == null) {
        if (System.nanoTime() < deadline && !client.closed.isDone()) {
          continue;
        }
        if (client.closed.isDone()) {
          String closed = client.closed.get();
          if (!(closed.startsWith("1000 ") || closed.startsWith("1009 "))) {
            throw new AssertionError("closed with " + closed + " after " + message);
          }
          client.close();
          client = connect();
          return;
        }
        throw new AssertionError("no config_ack within 20 s after " + message);
      }
      if (frame instanceof Buffer) {
        continue;
      }
      JsonObject json = (JsonObject) frame;
      String type = json.getString("type");
      if (!SERVER_TYPES.contains(type)) {
        throw new AssertionError("unexpected " + json.encode() + " after " + message);
      }
      if ("error".equals(type)) {
        String text = json.getString("message", "");
        if (json.getString("code", "").isBlank() || text.isBlank() || text.length() > 600) {
          throw new AssertionError("malformed error " + json.encode() + " after " + message);
        }
        for (String internal :
            List.of("java.", "io.vertx", "Exception", "Jackson", "Source:", "\n")) {
          if (text.contains(internal)) {
            throw new AssertionError("internals in " + json.encode() + " after " + message);
          }
        }
      }
      if ("config_ack".equals(type)) {
        return;
      }
    }
  }
}
