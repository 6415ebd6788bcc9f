package io.supertonic.http;

import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.text.ssml.SsmlDocument;
import io.supertonic.engine.text.ssml.SsmlParser;
import io.vertx.ext.web.RoutingContext;

/**
 * SSML on the HTTP gateway: parsed once more here (the worker parses it for real) so malformed SSML
 * is a 400 before a worker is asked, and so the response can carry {@value #IGNORED}.
 */
final class SsmlHeaders {
  /** Comma-separated names of elements the SSML subset ignored (their text was spoken). */
  static final String IGNORED = "X-SSML-Ignored";

  private SsmlHeaders() {}

  /** False when the request was answered with a 400 {@code invalid_ssml}. */
  static boolean check(RoutingContext ctx, String input) {
    if (!SsmlParser.isSsml(input)) {
      return true;
    }
    SsmlDocument document;
    try {
      document = SsmlParser.parse(input);
    } catch (InvalidRequestException e) {
      OpenAiErrors.send(ctx.response(), 400, e.getMessage(), e.param(), e.code());
      return false;
    }
    if (!document.ignored().isEmpty()) {
      ctx.response().putHeader(IGNORED, String.join(",", document.ignored()));
    }
    return true;
  }
}
