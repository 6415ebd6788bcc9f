package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceStyleReaderTest {
  @TempDir Path tmp;
  private final VoiceStyleReader reader =
      new VoiceStyleReader(new long[] {1, 2, 3}, new long[] {1, 2, 2});

  @Test
  void readsNestedAndFlatData() throws Exception {
    JsonObject json =
        new JsonObject()
            .put("style_ttl", tensor(new JsonArray("[[[1,2,3],[4,5,6]]]"), 1, 2, 3))
            .put("style_dp", tensor(new JsonArray("[0.5, 1.5, 2.5, 3.5]"), 1, 2, 2));
    VoiceStyle style = reader.read(write("Nested.json", json));
    assertEquals("Nested", style.id());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, style.ttl());
    assertArrayEquals(new long[] {1, 2, 3}, style.ttlShape());
    assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 3.5f}, style.dp());
  }

  @Test
  void rejectsDimsTheModelDoesNotTake() throws Exception {
    JsonObject json =
        new JsonObject()
            .put("style_ttl", tensor(new JsonArray("[1,2,3,4,5,6]"), 1, 3, 2))
            .put("style_dp", tensor(new JsonArray("[1,2,3,4]"), 1, 2, 2));
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> reader.read(write("bad.json", json)));
    assertTrue(
        e.getMessage().contains("style_ttl.dims") && e.getMessage().contains("[1, 2, 3]"),
        e.getMessage());
  }

  @Test
  void rejectsDataOfTheWrongLength() throws Exception {
    JsonObject json =
        new JsonObject()
            .put("style_ttl", tensor(new JsonArray("[1,2,3,4,5,6]"), 1, 2, 3))
            .put("style_dp", tensor(new JsonArray("[1,2,3]"), 1, 2, 2));
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> reader.read(write("short.json", json)));
    assertTrue(
        e.getMessage().contains("has 3 values") && e.getMessage().contains("need 4"),
        e.getMessage());
  }

  @Test
  void rejectsMissingField() throws Exception {
    JsonObject json =
        new JsonObject().put("style_ttl", tensor(new JsonArray("[1,2,3,4,5,6]"), 1, 2, 3));
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> reader.read(write("nodp.json", json)));
    assertTrue(
        e.getMessage().contains("nodp.json") && e.getMessage().contains("'style_dp'"),
        e.getMessage());
  }

  @Test
  void rejectsNonNumbers() throws Exception {
    JsonObject json =
        new JsonObject()
            .put("style_ttl", tensor(new JsonArray("[1,2,3,4,5,\"x\"]"), 1, 2, 3))
            .put("style_dp", tensor(new JsonArray("[1,2,3,4]"), 1, 2, 2));
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> reader.read(write("text.json", json)));
    assertTrue(e.getMessage().contains("only numbers"), e.getMessage());
  }

  private Path write(String name, JsonObject json) throws Exception {
    return Files.writeString(tmp.resolve(name), json.encode());
  }

  private static JsonObject tensor(JsonArray data, long... dims) {
    JsonArray d = new JsonArray();
    for (long x : dims) {
      d.add(x);
    }
    return new JsonObject().put("dims", d).put("data", data).put("type", "float32");
  }
}
