package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.engine.tiny.OnnxGraphBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model directory that is incomplete, corrupt or off-contract fails to load with a precise
 * message.
 */
class ModelLoadingTest {
  @TempDir Path tmp;

  @Test
  void missingDirectoryIsNamed() {
    Path nowhere = tmp.resolve("nowhere");
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> TinyModelFixture.load(nowhere));
    assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
  }

  @Test
  void missingGraphFileIsNamed() throws Exception {
    Path model = TinyModelFixture.write(tmp);
    Files.delete(model.resolve("onnx/vocoder.onnx"));
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> TinyModelFixture.load(model));
    assertTrue(e.getMessage().contains("onnx/vocoder.onnx"), e.getMessage());
  }

  @Test
  void corruptGraphIsNamed() throws Exception {
    Path model = TinyModelFixture.write(tmp);
    byte[] junk = new byte[4096];
    new Random(1).nextBytes(junk);
    Files.write(model.resolve("onnx/text_encoder.onnx"), junk);
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> TinyModelFixture.load(model));
    assertTrue(e.getMessage().contains("text_encoder.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void graphWithWrongInputNamesIsRejected() throws Exception {
    Path model = TinyModelFixture.write(tmp);
    OnnxGraphBuilder g =
        new OnnxGraphBuilder("wrong")
            .floatInput("mel", "B", 144, "L")
            .floatOutput("wav_tts", "B", "S");
    g.opInto("wav_tts", "Reshape", new String[] {"mel", g.longs(0, -1)});
    Files.write(model.resolve("onnx/vocoder.onnx"), g.toBytes());
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> TinyModelFixture.load(model));
    assertTrue(e.getMessage().contains("vocoder.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("missing input 'latent'"), e.getMessage());
    assertTrue(e.getMessage().contains("unexpected inputs [mel]"), e.getMessage());
  }

  @Test
  void graphWithWrongRankIsRejected() throws Exception {
    Path model = TinyModelFixture.write(tmp);
    OnnxGraphBuilder g =
        new OnnxGraphBuilder("wrong_rank")
            .floatInput("latent", "B", 144, "L")
            .floatOutput("wav_tts", "B", "S", 1);
    g.opInto("wav_tts", "Reshape", new String[] {"latent", g.longs(0, -1, 1)});
    Files.write(model.resolve("onnx/vocoder.onnx"), g.toBytes());
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> TinyModelFixture.load(model));
    assertTrue(e.getMessage().contains("output 'wav_tts'"), e.getMessage());
  }

  @Test
  void invalidVoiceStyleIsNamed() throws Exception {
    Path model = TinyModelFixture.write(tmp);
    Files.writeString(
        model.resolve("voice_styles/F3.json"),
        "{\"style_ttl\": {\"dims\": [1, 50, 256], \"data\": []}}");
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> TinyModelFixture.load(model));
    assertTrue(e.getMessage().contains("F3.json"), e.getMessage());
  }

  @Test
  void extraVoicesAreAddedAndValidated() throws Exception {
    Path model = TinyModelFixture.write(tmp);
    Path extra = Files.createDirectories(tmp.resolve("extra"));
    Files.copy(model.resolve("voice_styles/M4.json"), extra.resolve("narrator.json"));
    EngineOptions options =
        new EngineOptions(model, ModelVariant.SUPERTONIC_3, Device.CPU, 1, 1, extra);
    try (SupertonicEngine engine = SupertonicEngine.load(options)) {
      assertEquals(11, engine.info().voices().size());
      assertTrue(engine.info().voices().contains("narrator"));
      assertTrue(
          TinyModelFixture.synthesize(
                      engine, TinyModelFixture.params("Extra voice.", "narrator", 1))
                  .length
              > 0);
    }
    Files.writeString(extra.resolve("broken.json"), "not json");
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> SupertonicEngine.load(options));
    assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
  }

  @Test
  void wrongConfigFieldIsNamed() throws Exception {
    Path model = TinyModelFixture.write(tmp);
    Files.writeString(
        model.resolve("onnx/tts.json"), "{\"ae\": {\"sample_rate\": 44100}, \"ttl\": {}}");
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> TinyModelFixture.load(model));
    assertTrue(e.getMessage().contains("ae.base_chunk_size"), e.getMessage());
  }
}
