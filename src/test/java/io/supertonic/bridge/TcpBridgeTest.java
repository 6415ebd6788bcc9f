package io.supertonic.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.audio.Pcm16;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthesis through the TCP event-bus bridge, by a client that speaks only the bridge's framing (as
 * a Node or Python service would), and the bridge's refusal of everything outside the synthesis
 * contract.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpBridgeTest {
  private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(10);
  private static final String TEXT = "Over the bridge. One chunk, then another.";

  @TempDir static Path dir;
  private static TestServer server;
  private static int bridgePort;

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      bridgePort = free.getLocalPort();
    }
    server = TestServer.start(dir, new JsonObject().put("bus_bridge_port", bridgePort));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** What the engine itself makes of the text: the bridge must deliver exactly these samples. */
  private static short[] reference(long seed) throws Exception {
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    var job = server.engine().start(new SynthesisParams(TEXT, "F2", "en", 1.05, 4, seed));
    while (job.hasNext()) {
      pcm.write(Pcm16.toLittleEndian(job.next().pcm()));
    }
    return Pcm16.fromLittleEndian(pcm.toByteArray());
  }

  /**
   * One synthesis as the docs describe it: register a stream address, request with a reply address,
   * return a credit per chunk, collect the chunks until the terminal message.
   */
  private static byte[] synthesize(BridgeSocket bridge, long seed, String chunkEncoding)
      throws Exception {
    String stream = "supertonic.stream." + UUID.randomUUID();
    bridge.register(stream);
    JsonObject request =
        new JsonObject()
            .put("v", "1.0")
            .put("text", TEXT)
            .put("voice", "F2")
            .put("total_steps", 4)
            .put("seed", seed)
            .put("stream", stream)
            .put("credits", 2);
    if (chunkEncoding != null) {
      request.put("chunk_encoding", chunkEncoding);
    }
    bridge.request("supertonic.synth", "reply-" + seed, request);
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    String control = null;
    while (true) {
      JsonObject frame = bridge.next(FRAME_TIMEOUT);
      assertEquals("message", frame.getString("type"), frame::encode);
      if (("reply-" + seed).equals(frame.getString("address"))) {
        JsonObject accept = frame.getJsonObject("body");
        assertEquals(44100, accept.getInteger("sample_rate"));
        control = accept.getString("control");
        assertTrue(control.startsWith("supertonic.job."), control);
        continue;
      }
      assertEquals(stream, frame.getString("address"));
      JsonObject headers = frame.getJsonObject("headers", new JsonObject());
      if ("chunk".equals(headers.getString("type"))) {
        // A Buffer body crosses the JSON framing as an unpadded base64url string.
        pcm.writeBytes(Base64.getUrlDecoder().decode(frame.getString("body")));
      } else {
        JsonObject message = frame.getJsonObject("body");
        String type = message.getString("type");
        if ("chunk".equals(type)) {
          pcm.writeBytes(Base64.getDecoder().decode(message.getString("audio")));
        } else if ("end".equals(type)) {
          return pcm.toByteArray();
        } else if (!"queued".equals(type) && !"keepalive".equals(type)) {
          throw new AssertionError("unexpected stream message " + message.encode());
        }
      }
      if ("chunk".equals(headers.getString("type"))
          || "chunk".equals(frame.getJsonObject("body", new JsonObject()).getString("type"))) {
        bridge.send(control, new JsonObject().put("v", "1.0").put("type", "credit").put("n", 1));
      }
    }
  }

  @Test
  void aClientSpeakingOnlyTheFramingGetsTheSameSamplesAsTheEngine() throws Exception {
    try (BridgeSocket bridge = new BridgeSocket(bridgePort)) {
      assertArrayEquals(reference(11), Pcm16.fromLittleEndian(synthesize(bridge, 11, null)));
      assertArrayEquals(reference(12), Pcm16.fromLittleEndian(synthesize(bridge, 12, "base64")));
    }
  }

  @Test
  void theWorkerPingAndARefusedRequestAnswerThroughTheBridge() throws Exception {
    try (BridgeSocket bridge = new BridgeSocket(bridgePort)) {
      bridge.request("supertonic.synth.ping", "ping-1", new JsonObject());
      JsonObject info = bridge.next(FRAME_TIMEOUT);
      assertEquals("ping-1", info.getString("address"), info::encode);
      assertEquals("supertonic-3", info.getJsonObject("body").getString("model"));

      bridge.request(
          "supertonic.synth",
          "bad-1",
          new JsonObject()
              .put("v", "1.0")
              .put("text", "Hi.")
              .put("voice", "Z9")
              .put("stream", "supertonic.stream." + UUID.randomUUID()));
      JsonObject refused = bridge.next(FRAME_TIMEOUT);
      assertEquals("err", refused.getString("type"), refused::encode);
      assertEquals("bad-1", refused.getString("address"));
      assertEquals(400, refused.getInteger("failureCode"));
      assertTrue(refused.getString("message").contains("Z9"), refused::encode);
    }
  }

  @Test
  void everythingOutsideTheSynthesisContractIsRefused() throws Exception {
    try (BridgeSocket bridge = new BridgeSocket(bridgePort)) {
      // Inbound: metrics, advertisements, a worker's own address, the WebSocket plumbing.
      for (String address :
          List.of(
              "supertonic.metrics.record",
              "supertonic.metrics.summary",
              "supertonic.workers.hello",
              "supertonic.synth.some-worker-id",
              "supertonic.ws.open",
              "anything.else")) {
        bridge.request(address, "r-" + address, new JsonObject());
        assertDenied(bridge.next(FRAME_TIMEOUT), address);
      }
      // Outbound: only the client's own stream addresses may be registered.
      for (String address :
          List.of(
              "supertonic.synth",
              "supertonic.workers",
              "supertonic.metrics.record",
              "supertonic.job.x",
              "supertonic.ws.outbox.x")) {
        bridge.register(address);
        assertDenied(bridge.next(FRAME_TIMEOUT), address);
      }
      // A publish to the entry address would start the job on every worker.
      bridge.write(
          new JsonObject()
              .put("type", "publish")
              .put("address", "supertonic.synth")
              .put("body", new JsonObject().put("text", "Everyone at once.")));
      JsonObject publish = bridge.next(FRAME_TIMEOUT);
      assertEquals("err", publish.getString("type"), publish::encode);
      // The connection still works after refusals.
      bridge.write(new JsonObject().put("type", "ping"));
      assertEquals("pong", bridge.next(FRAME_TIMEOUT).getString("type"));
    }
  }

  @Test
  void aFrameDeclaredLargerThanTheCapClosesTheConnection() throws Exception {
    for (int declared : new int[] {TcpBridgeVerticle.DEFAULT_MAX_FRAME_BYTES + 1, -1}) {
      try (BridgeSocket bridge = new BridgeSocket(bridgePort)) {
        java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(4 + 1000);
        frame.putInt(declared);
        bridge.writeRaw(frame.array());
        assertTrue(
            bridge.closedByBridge(FRAME_TIMEOUT),
            "a frame declared as " + Integer.toUnsignedLong(declared) + " bytes was not refused");
      }
    }
  }

  @Test
  void framesUpToTheCapStillPassAndKeepTheirBoundaries() throws Exception {
    try (BridgeSocket bridge = new BridgeSocket(bridgePort)) {
      // A ping padded to just under the cap crosses many TCP segments; the next frames must still
      // be read as frames.
      JsonObject big = new JsonObject().put("type", "ping").put("pad", "");
      int padding = TcpBridgeVerticle.DEFAULT_MAX_FRAME_BYTES - big.encode().length();
      big.put("pad", "x".repeat(padding));
      assertEquals(TcpBridgeVerticle.DEFAULT_MAX_FRAME_BYTES, big.encode().length());
      bridge.write(big);
      assertEquals("pong", bridge.next(FRAME_TIMEOUT).getString("type"));
      bridge.request("supertonic.synth.ping", "ping-after-big", new JsonObject());
      JsonObject info = bridge.next(FRAME_TIMEOUT);
      assertEquals("ping-after-big", info.getString("address"), info::encode);
      assertEquals(44100, info.getJsonObject("body").getInteger("sample_rate"), info::encode);
    }
  }

  private static void assertDenied(JsonObject frame, String address) {
    assertEquals("err", frame.getString("type"), () -> address + ": " + frame.encode());
    assertEquals(
        "access_denied", frame.getString("message"), () -> address + ": " + frame.encode());
  }
}
