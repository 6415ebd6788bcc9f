package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code record_text} false the metrics ring buffer keeps a request's length, not its text.
 */
class RecordTextTest {
  @RegisterExtension
  static final ServerPerClass SERVER =
      new ServerPerClass(new JsonObject().put("record_text", false));

  @Test
  void recentRequestsShowNoText() throws Exception {
    String secret = "My account number is 12345.";
    assertEquals(
        200,
        SERVER
            .http()
            .speech(new JsonObject().put("input", secret).put("response_format", "wav"))
            .statusCode());

    // The record is published as the response ends; poll until it is in the buffer.
    JsonObject record = null;
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (record == null && System.nanoTime() < deadline) {
      HttpResponse<String> recent = SERVER.http().get("/metrics/recent");
      assertFalse(recent.body().contains("account"), recent.body());
      JsonObject body = new JsonObject(recent.body());
      JsonArray requests = body.getJsonArray("data", new JsonArray());
      for (Object r : requests) {
        if (((JsonObject) r).getInteger("text_len", 0) == secret.length()) {
          record = (JsonObject) r;
        }
      }
    }
    assertTrue(record != null, "no record of the request");
    assertEquals("", record.getString("text"));
  }
}
