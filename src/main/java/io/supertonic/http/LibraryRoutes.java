package io.supertonic.http;

import io.supertonic.bus.Addresses;
import io.supertonic.engine.VoiceAliases;
import io.supertonic.engine.text.Lexicon;
import io.supertonic.engine.text.Lexicons;
import io.supertonic.library.LexiconChange;
import io.supertonic.library.LexiconFiles;
import io.supertonic.library.LibraryAddresses;
import io.supertonic.library.VoiceChange;
import io.supertonic.library.VoiceFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user library over HTTP: pronunciation lexicons ({@code GET/PUT/DELETE /v1/lexicon/{lang}},
 * {@code GET /v1/lexicon}) and run-time voices ({@code POST /v1/voices}, {@code DELETE
 * /v1/voices/{id}}). A change is saved in this node's directory (when set), applied on this node
 * before the reply (a request sent after the reply uses it) and published on the bus, where every
 * other node applies it at once.
 */
public final class LibraryRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(LibraryRoutes.class);
  private static final long BODY_LIMIT = 4L * 1024 * 1024;

  /** A Supertonic-3 style is about 13k numbers, some 300 KB of JSON; room for verbose writers. */
  private static final long VOICE_BODY_LIMIT = 8L * 1024 * 1024;

  /** Applying is a map update on this node's library verticle; only a wedged node takes longer. */
  private static final long APPLY_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Lexicons lexicons;
  private final LexiconFiles files;
  private final VoiceFiles voiceFiles;

  /**
   * @param lexicons this node's lexicons, kept current by {@link
   *     io.supertonic.library.LibraryVerticle}
   * @param lexiconDir where changes are saved; null keeps them in memory only
   * @param voicesDir where uploaded voices are saved; null keeps them in memory only
   */
  public LibraryRoutes(Vertx vertx, Lexicons lexicons, Path lexiconDir, Path voicesDir) {
    this.vertx = vertx;
    this.lexicons = lexicons;
    this.files = lexiconDir == null ? null : new LexiconFiles(lexiconDir);
    this.voiceFiles = voicesDir == null ? null : new VoiceFiles(voicesDir);
  }

  /**
   * Mounts the routes. They need no key check of their own: the HTTP server's access control (see
   * io.supertonic.security.AuthHandler) requires the API key on every route but the health checks
   * and the console's files, these included.
   */
  public void mount(Router router) {
    router.get("/v1/lexicon").handler(this::list);
    router.get("/v1/lexicon/:lang").handler(this::get);
    router.put("/v1/lexicon/:lang").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.put("/v1/lexicon/:lang").handler(this::put);
    router.delete("/v1/lexicon/:lang").handler(this::delete);
    router.post("/v1/voices").handler(BodyHandler.create(false).setBodyLimit(VOICE_BODY_LIMIT));
    router.post("/v1/voices").handler(this::uploadVoice);
    router.delete("/v1/voices/:id").handler(this::deleteVoice);
  }

  private void list(RoutingContext ctx) {
    JsonObject byLang = new JsonObject();
    lexicons.all().forEach((lang, lexicon) -> byLang.put(lang, lexicon.entries().size()));
    json(ctx, 200, new JsonObject().put("lexicons", byLang));
  }

  private void get(RoutingContext ctx) {
    withLanguage(ctx)
        .onSuccess(
            lang ->
                json(
                    ctx,
                    200,
                    lexicons
                        .get(lang)
                        .map(Lexicon::toJson)
                        .orElse(new JsonObject().put("entries", new JsonArray()))
                        .put("lang", lang)));
  }

  private void put(RoutingContext ctx) {
    withLanguage(ctx)
        .onSuccess(
            lang -> {
              Lexicon lexicon;
              try {
                JsonObject body = ctx.body().asJsonObject();
                if (body == null) {
                  throw new IllegalArgumentException("the body must be {\"entries\": [...]}");
                }
                lexicon = Lexicon.fromJson(body);
              } catch (DecodeException | ClassCastException e) {
                OpenAiErrors.send(
                    ctx.response(), 400, "The body is not valid JSON", null, "invalid_json");
                return;
              } catch (IllegalArgumentException e) {
                OpenAiErrors.send(
                    ctx.response(), 400, e.getMessage(), "entries", "invalid_lexicon");
                return;
              }
              change(ctx, new LexiconChange(lang, lexicon))
                  .onSuccess(v -> json(ctx, 200, lexicon.toJson().put("lang", lang)));
            });
  }

  private void delete(RoutingContext ctx) {
    withLanguage(ctx)
        .onSuccess(
            lang ->
                change(ctx, new LexiconChange(lang, null))
                    .onSuccess(
                        v ->
                            json(
                                ctx,
                                200,
                                new JsonObject().put("lang", lang).put("deleted", true))));
  }

  /**
   * {@code POST /v1/voices?id=NAME} with a voice-style JSON body (the format of the model's
   * voice_styles/): checked by a worker against the model's style shapes, saved, then published so
   * every worker can use it at once.
   */
  private void uploadVoice(RoutingContext ctx) {
    String id = ctx.queryParams().get("id");
    JsonObject style;
    try {
      style = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      OpenAiErrors.send(ctx.response(), 400, "The body is not valid JSON", null, "invalid_json");
      return;
    }
    if (id == null && style != null && style.getValue("id") instanceof String named) {
      id = named;
    }
    if (id == null || !VoiceFiles.ID.matcher(id).matches()) {
      OpenAiErrors.send(
          ctx.response(),
          400,
          "Name the voice with ?id=NAME: letters, digits, '-' and '_', up to 64 characters",
          "id",
          "invalid_voice_id");
      return;
    }
    if (VoiceAliases.openAi().containsKey(id.toLowerCase(Locale.ROOT))) {
      OpenAiErrors.send(
          ctx.response(),
          400,
          "'" + id + "' is an OpenAI voice alias; choose another id",
          "id",
          "invalid_voice_id");
      return;
    }
    if (style == null) {
      OpenAiErrors.send(
          ctx.response(),
          400,
          "The body must be a voice style JSON object (style_ttl, style_dp)",
          null,
          "invalid_voice_style");
      return;
    }
    String voiceId = id;
    JsonObject stored = style.copy();
    stored.remove("id");
    vertx
        .eventBus()
        .<JsonObject>request(
            LibraryAddresses.VOICE_CHECK,
            new JsonObject().put("op", "add").put("id", voiceId).put("style", stored),
            new DeliveryOptions().setSendTimeout(10_000))
        .onFailure(err -> voiceCheckFailed(ctx, err))
        .compose(ok -> saveVoice(ctx, voiceId, stored))
        .compose(
            v ->
                apply(ctx, LibraryAddresses.VOICE_APPLY, new VoiceChange(voiceId, stored).toJson()))
        .onSuccess(
            v -> {
              LOG.info("Voice {} uploaded over HTTP", voiceId);
              json(ctx, 201, new JsonObject().put("id", voiceId).put("kind", "custom"));
            });
  }

  /** {@code DELETE /v1/voices/{id}}: run-time voices only; the model's own are kept. */
  private void deleteVoice(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !VoiceFiles.ID.matcher(id).matches()) {
      OpenAiErrors.send(ctx.response(), 404, "No voice '" + id + "'", "id", "voice_not_found");
      return;
    }
    vertx
        .eventBus()
        .<JsonObject>request(
            LibraryAddresses.VOICE_CHECK,
            new JsonObject().put("op", "delete").put("id", id),
            new DeliveryOptions().setSendTimeout(10_000))
        .onFailure(err -> voiceCheckFailed(ctx, err))
        .compose(
            reply -> {
              JsonObject state = reply.body();
              if (state.getBoolean("preset", false)) {
                OpenAiErrors.send(
                    ctx.response(),
                    400,
                    "'" + id + "' is one of the model's own voices and cannot be deleted",
                    "id",
                    "preset_voice");
                return Future.failedFuture("preset");
              }
              if (!state.getBoolean("exists", false)) {
                OpenAiErrors.send(
                    ctx.response(), 404, "No voice '" + id + "'", "id", "voice_not_found");
                return Future.failedFuture("absent");
              }
              return saveVoice(ctx, id, null);
            })
        .compose(v -> apply(ctx, LibraryAddresses.VOICE_APPLY, new VoiceChange(id, null).toJson()))
        .onSuccess(
            v -> {
              LOG.info("Voice {} deleted over HTTP", id);
              json(ctx, 200, new JsonObject().put("id", id).put("deleted", true));
            });
  }

  private Future<Void> saveVoice(RoutingContext ctx, String id, JsonObject style) {
    if (voiceFiles == null) {
      return Future.succeededFuture();
    }
    return vertx
        .<Void>executeBlocking(
            () -> {
              voiceFiles.save(id, style);
              return null;
            })
        .onFailure(
            err ->
                OpenAiErrors.send(
                    ctx.response(),
                    500,
                    "The voice could not be saved: " + err.getMessage(),
                    null,
                    "voice_not_saved"));
  }

  private static void voiceCheckFailed(RoutingContext ctx, Throwable err) {
    if (err instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      int status = reply.failureCode();
      OpenAiErrors.send(
          ctx.response(),
          status,
          reply.getMessage(),
          status == 409 ? "id" : null,
          status == 409 ? "preset_voice" : "invalid_voice_style");
      return;
    }
    OpenAiErrors.send(
        ctx.response(), 503, "No synthesis worker answered to check the voice", null, "no_worker");
  }

  /**
   * Applies a saved change on this node, which then publishes it to the others; sends a 503 when
   * the node's library does not answer.
   */
  private Future<Void> apply(RoutingContext ctx, String address, JsonObject change) {
    return vertx
        .eventBus()
        .request(address, change, new DeliveryOptions().setSendTimeout(APPLY_TIMEOUT_MS))
        .<Void>mapEmpty()
        .onFailure(
            err ->
                OpenAiErrors.send(
                    ctx.response(),
                    503,
                    "The change was saved but could not be applied: " + err.getMessage(),
                    null,
                    "library_unavailable"));
  }

  /** Saves, then applies: a change that could not be saved is not applied anywhere. */
  private Future<Void> change(RoutingContext ctx, LexiconChange change) {
    Future<Void> saved =
        files == null
            ? Future.succeededFuture()
            : vertx.executeBlocking(
                () -> {
                  files.save(change.lang(), change.lexicon());
                  return null;
                });
    return saved
        .onFailure(
            err ->
                OpenAiErrors.send(
                    ctx.response(),
                    500,
                    "The lexicon could not be saved: " + err.getMessage(),
                    null,
                    "lexicon_not_saved"))
        .compose(v -> apply(ctx, LibraryAddresses.LEXICON_APPLY, change.toJson()))
        .onSuccess(
            v -> {
              LOG.info(
                  "Lexicon {} {} over HTTP",
                  change.lang(),
                  change.lexicon() == null ? "deleted" : "replaced");
            });
  }

  /**
   * The path's language when the model knows it (asked of a worker; checked by form alone when no
   * worker answers), else a 400 and a failed future.
   */
  private Future<String> withLanguage(RoutingContext ctx) {
    String lang = ctx.pathParam("lang");
    if (lang == null || !LexiconFiles.LANG.matcher(lang).matches()) {
      invalidLanguage(ctx, lang, null);
      return Future.failedFuture("invalid language");
    }
    return vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.WORKER_PING, new JsonObject(), new DeliveryOptions().setSendTimeout(3_000))
        .map(reply -> reply.body().getJsonArray("languages", new JsonArray()).getList())
        .otherwise(List.of())
        .compose(
            known -> {
              if (!known.isEmpty() && !known.contains(lang)) {
                invalidLanguage(ctx, lang, known);
                return Future.failedFuture("invalid language");
              }
              return Future.succeededFuture(lang);
            });
  }

  private static void invalidLanguage(RoutingContext ctx, String lang, List<?> known) {
    OpenAiErrors.send(
        ctx.response(),
        400,
        "Unknown language '"
            + lang
            + "'"
            + (known == null ? "; use a language code such as en" : "; valid: " + known),
        "lang",
        "invalid_language");
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
