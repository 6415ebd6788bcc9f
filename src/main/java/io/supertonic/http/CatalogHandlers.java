package io.supertonic.http;

import io.supertonic.engine.VoiceAliases;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/** Read-only listings: models and voices (OpenAI, Open WebUI and seed shapes). */
final class CatalogHandlers {
  static final List<String> MODEL_ALIASES = List.of("tts-1", "tts-1-hd", "gpt-4o-mini-tts");

  private final JsonObject workerInfo;

  /**
   * @param workerInfo the worker's ping reply: model, sample_rate, voices, languages, providers
   */
  CatalogHandlers(JsonObject workerInfo) {
    this.workerInfo = workerInfo;
  }

  void mount(Router router) {
    router.get("/v1/models").handler(this::models);
    router.get("/v1/models/:id").handler(this::model);
    router.get("/v1/voices").handler(this::voices);
    router.get("/v1/audio/voices").handler(this::openWebUiVoices);
    router.get("/v1/audio/models").handler(this::openWebUiModels);
  }

  private String modelId() {
    return workerInfo.getString("model");
  }

  private List<String> modelIds() {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(modelId()), MODEL_ALIASES.stream())
        .toList();
  }

  private static JsonObject modelObject(String id) {
    return new JsonObject()
        .put("id", id)
        .put("object", "model")
        .put("created", 0)
        .put("owned_by", "supertonic");
  }

  private void models(RoutingContext ctx) {
    JsonArray data = new JsonArray();
    modelIds().forEach(id -> data.add(modelObject(id)));
    json(ctx, new JsonObject().put("object", "list").put("data", data));
  }

  private void model(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!modelIds().contains(id)) {
      OpenAiErrors.send(
          ctx.response(),
          404,
          "The model '"
              + id
              + "' does not exist. Available: "
              + String.join(", ", modelIds())
              + ".",
          "model",
          "model_not_found");
      return;
    }
    json(ctx, modelObject(id));
  }

  /** Every accepted voice name with the native voice it maps to: aliases first, then native ids. */
  private JsonArray voiceEntries() {
    JsonArray data = new JsonArray();
    for (Map.Entry<String, String> alias : VoiceAliases.openAi().entrySet()) {
      data.add(
          new JsonObject()
              .put("id", alias.getKey())
              .put("supertonic_voice", alias.getValue())
              .put("kind", "alias"));
    }
    for (Object id : nativeVoices()) {
      data.add(new JsonObject().put("id", id).put("supertonic_voice", id).put("kind", "native"));
    }
    return data;
  }

  private JsonArray nativeVoices() {
    return workerInfo.getJsonArray("voices", new JsonArray());
  }

  private void voices(RoutingContext ctx) {
    JsonObject aliases = new JsonObject();
    VoiceAliases.openAi().forEach(aliases::put);
    json(
        ctx,
        new JsonObject()
            .put("object", "list")
            .put("supertonic_voices", nativeVoices())
            .put("openai_aliases", aliases)
            .put("data", voiceEntries()));
  }

  private void openWebUiVoices(RoutingContext ctx) {
    JsonArray voices = new JsonArray();
    for (Object entry : voiceEntries()) {
      JsonObject v = (JsonObject) entry;
      String id = v.getString("id");
      String name =
          "alias".equals(v.getString("kind"))
              ? id + " (" + v.getString("supertonic_voice") + ")"
              : id;
      voices.add(new JsonObject().put("id", id).put("name", name));
    }
    json(ctx, new JsonObject().put("voices", voices));
  }

  private void openWebUiModels(RoutingContext ctx) {
    JsonArray models = new JsonArray();
    modelIds().forEach(id -> models.add(new JsonObject().put("id", id).put("name", id)));
    json(ctx, new JsonObject().put("models", models));
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
