package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests the HTTP layer refuses before any route runs, written byte for byte on a raw socket:
 * each gets its status and an OpenAI-shaped JSON body, never a dropped connection or empty body.
 */
class HttpLayerErrorsTest {
  @RegisterExtension static final ServerPerClass SERVER = new ServerPerClass();

  private static final String SPEECH_HEAD =
      "POST /v1/audio/speech HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("HTTP/2.0 version", "GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        Arguments.of("HTTP/9.9 version", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 505),
        Arguments.of("HTTP/1.2 version", "GET /healthz HTTP/1.2\r\nHost: x\r\n\r\n", 505),
        Arguments.of("lower-case version", "GET /healthz http/1.1\r\nHost: x\r\n\r\n", 400),
        Arguments.of("garbage request line", "HELLO\r\n\r\n", 400),
        Arguments.of("binary request line", "\u0001\u0002\u0003 / HTTP/1.1\r\n\r\n", 400),
        Arguments.of(
            "URL over the limit",
            "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            414),
        Arguments.of(
            "header over the limit",
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n",
            431),
        Arguments.of(
            "too many headers in total",
            "GET /healthz HTTP/1.1\r\nHost: x\r\n"
                + "X-H: "
                + "c".repeat(1000)
                + "\r\n".repeat(1)
                + ("X-H: " + "c".repeat(1000) + "\r\n").repeat(40)
                + "\r\n",
            431),
        Arguments.of(
            "non-hex chunk size",
            SPEECH_HEAD + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            400),
        Arguments.of(
            "negative chunk size",
            SPEECH_HEAD + "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n",
            400),
        Arguments.of(
            "chunk without its CRLF",
            SPEECH_HEAD + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}XX3\r\nabc\r\n0\r\n\r\n",
            400),
        Arguments.of(
            "bad trailer",
            SPEECH_HEAD + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\u0001bad\r\n\r\n",
            400),
        Arguments.of(
            "content-length and chunked",
            SPEECH_HEAD
                + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
            400),
        Arguments.of(
            "Expect other than 100-continue",
            SPEECH_HEAD + "Expect: something-else\r\nContent-Length: 2\r\n\r\n{}",
            417),
        Arguments.of(
            "WebSocket upgrade without a key",
            "GET /v1/audio/speech/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\n\r\n",
            400),
        Arguments.of(
            "WebSocket upgrade on a plain route",
            "GET /healthz HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
            400),
        Arguments.of(
            "h2c upgrade",
            "GET /nowhere HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n",
            404),
        Arguments.of("unknown method", "BREW /v1/audio/speech HTTP/1.1\r\nHost: x\r\n\r\n", 405));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void answersInTheOpenAiShape(String name, String request, int status) throws Exception {
    RawHttp.Response response = RawHttp.exchange(SERVER.server().port(), request);

    assertEquals(status, response.status(), name + ": " + response);
    assertOpenAiError(response);
  }

  @Test
  void aBadRequestDoesNotTakeTheServerDown() throws Exception {
    RawHttp.exchange(SERVER.server().port(), "GET / HTTP/2.0\r\n\r\n");

    RawHttp.Response health =
        RawHttp.exchange(SERVER.server().port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(200, health.status());
  }

  static void assertOpenAiError(RawHttp.Response response) {
    String contentType = response.header("Content-Type");
    assertTrue(
        contentType != null && contentType.startsWith("application/json"), response.toString());
    JsonObject error = new JsonObject(response.body()).getJsonObject("error");
    assertNotNull(error, response.body());
    assertFalse(error.getString("message", "").isBlank(), response.body());
    assertFalse(error.getString("type", "").isBlank(), response.body());
    assertFalse(error.getString("code", "").isBlank(), response.body());
    assertTrue(error.containsKey("param"), response.body());
    for (String internal :
        List.of("java.", "io.vertx", "netty", "Exception", "jackson", "Jackson", "Source:")) {
      assertFalse(error.getString("message").contains(internal), response.body());
    }
  }
}
