package io.supertonic.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HubClientTest {
  private static HubClient client(String endpoint, String repo, String revision) {
    StoreSettings settings = StoreSettings.defaults();
    return new HubClient(
        HubClient.newHttpClient(settings), endpoint, repo, revision, null, settings);
  }

  @Test
  void defaultEndpointAndRevision() {
    HubClient hub = client(null, "Supertone/supertonic-3", null);
    assertEquals(
        URI.create(
            "https://huggingface.co/Supertone/supertonic-3/resolve/main/onnx/vector_estimator.onnx"),
        hub.fileUri("onnx/vector_estimator.onnx"));
    assertEquals(
        URI.create(
            "https://huggingface.co/api/models/Supertone/supertonic-3/tree/main/voice_styles"),
        hub.treeUri("voice_styles"));
  }

  @Test
  void customEndpointAndARevisionWithSlashes() {
    HubClient hub = client("https://hf-mirror.example/", "lnkiai/supertonic-3-mirror", "refs/pr/1");
    assertEquals(
        URI.create(
            "https://hf-mirror.example/lnkiai/supertonic-3-mirror/resolve/refs%2Fpr%2F1/onnx/tts.json"),
        hub.fileUri("onnx/tts.json"));
  }

  @Test
  void rejectsBadRepoAndEndpoint() {
    IllegalArgumentException repo =
        assertThrows(IllegalArgumentException.class, () -> client(null, "../etc", null));
    assertTrue(repo.getMessage().contains("--model-repo"), repo.getMessage());
    IllegalArgumentException endpoint =
        assertThrows(IllegalArgumentException.class, () -> client("ftp://x", "a/b", null));
    assertTrue(endpoint.getMessage().contains("HF_ENDPOINT"), endpoint.getMessage());
  }

  @Test
  void originComparisonIncludesPortAndScheme() {
    assertTrue(
        HubClient.sameOrigin(
            URI.create("https://huggingface.co/a"), URI.create("https://huggingface.co:443/b")));
    assertFalse(
        HubClient.sameOrigin(
            URI.create("https://huggingface.co/a"), URI.create("https://cdn-lfs.hf.co/b")));
    assertFalse(
        HubClient.sameOrigin(
            URI.create("http://127.0.0.1:1/a"), URI.create("http://127.0.0.1:2/a")));
  }
}
