package io.supertonic.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's {@code invalidRequestHandler}: requests the HTTP decoder could not read (URL or
 * headers over their limits, a bad request line or version) get a status and an OpenAI-shaped body
 * of our own words, then the connection closes, since the decoder lost its place in the stream.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(InvalidRequests.class);

  private final int maxUrlBytes;
  private final int maxHeaderBytes;

  InvalidRequests(int maxUrlBytes, int maxHeaderBytes) {
    this.maxUrlBytes = maxUrlBytes;
    this.maxHeaderBytes = maxHeaderBytes;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String code;
    String message;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      code = "url_too_long";
      message =
          "The request line (method, URL and version) is longer than " + maxUrlBytes + " bytes.";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      code = "headers_too_large";
      message = "The request headers are larger than " + maxHeaderBytes + " bytes in total.";
    } else if (cause instanceof HttpProtocolGuard.UnsupportedVersion v && !v.malformed()) {
      status = 505;
      code = "http_version_not_supported";
      message = "This server speaks HTTP/1.1 (and HTTP/1.0).";
    } else {
      status = 400;
      code = "malformed_request";
      message = "The request is not valid HTTP/1.1 (bad request line or headers).";
    }
    LOG.debug("Refused an unreadable request from {}: {}", request.remoteAddress(), code);
    request.response().putHeader("Connection", "close");
    OpenAiErrors.send(request.response(), status, message, null, code)
        .onComplete(done -> request.connection().close());
  }
}
