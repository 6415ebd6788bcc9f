package io.supertonic.http;

import io.supertonic.text.SafeText;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every failure the router produces (404, 405, 413, 500, ...) an OpenAI-shaped JSON error.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static void install(Router router) {
    // A client that went away mid-request (an abandoned body) is no server error: nobody is left to
    // answer, and an ERROR line per disconnect would drown the real ones.
    router
        .route()
        .failureHandler(
            ctx -> {
              if (ctx.response().closed() || ctx.failure() instanceof HttpClosedException) {
                LOG.debug("Client left during {}", SafeText.of(ctx.request().path()));
                return;
              }
              ctx.next();
            });
    router.errorHandler(404, ErrorResponses::notFound);
    router.errorHandler(
        405,
        ctx ->
            OpenAiErrors.send(
                ctx.response(),
                405,
                "Method "
                    + SafeText.of(ctx.request().method().name())
                    + " is not allowed on "
                    + SafeText.of(ctx.request().path())
                    + ".",
                null,
                "method_not_allowed"));
    router.errorHandler(
        413,
        ctx ->
            OpenAiErrors.send(
                ctx.response(),
                413,
                "The request body is too large.",
                "input",
                "request_too_large"));
    router.errorHandler(
        400, ctx -> OpenAiErrors.send(ctx.response(), 400, "Bad request.", null, "bad_request"));
    router.errorHandler(
        500,
        ctx -> {
          LOG.error("Unhandled error on {}", SafeText.of(ctx.request().path()), ctx.failure());
          OpenAiErrors.send(ctx.response(), 500, "Internal server error.", null, "internal_error");
        });
  }

  private static void notFound(RoutingContext ctx) {
    OpenAiErrors.send(
        ctx.response(),
        404,
        "No route for "
            + SafeText.of(ctx.request().method().name())
            + " "
            + SafeText.of(ctx.request().path())
            + ".",
        null,
        "not_found");
  }
}
