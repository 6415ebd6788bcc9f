package io.supertonic.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.engine.ModelVariant;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ModelStoreTest {
  private static final String REPO = "Supertone/supertonic-3";
  private static final StoreSettings FAST =
      new StoreSettings(
          Duration.ofSeconds(2),
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          3,
          Duration.ofMillis(10));

  @TempDir Path tmp;
  private FakeHub hub;
  private Path modelDir;

  @BeforeEach
  void setUp() throws IOException {
    hub = new FakeHub(REPO);
    modelDir = tmp.resolve("model");
    Random random = new Random(42);
    for (String file : ModelLayout.requiredFiles(ModelVariant.SUPERTONIC_3)) {
      if (file.endsWith(".onnx")) {
        byte[] data =
            new byte[file.contains("vector_estimator") ? 300_000 : 20_000 + random.nextInt(1000)];
        random.nextBytes(data);
        hub.files.put(file, data);
      } else {
        // The real JSON files, so the bundled pins of supertonic-3 apply and pass.
        hub.files.put(file, resource("model/supertonic3/" + file.replaceFirst("^onnx/", "")));
      }
    }
  }

  @AfterEach
  void tearDown() {
    hub.close();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ModelStoreTest.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }

  private ModelStore store() {
    return new ModelStore(FAST, ChecksumPins.bundled(), DownloadProgress.silent());
  }

  private ModelRequest request() {
    return new ModelRequest(
        ModelVariant.SUPERTONIC_3, null, null, modelDir, hub.endpoint(), null, false);
  }

  private void assertComplete(Path dir) throws IOException {
    for (String file : ModelLayout.requiredFiles(ModelVariant.SUPERTONIC_3)) {
      assertArrayEquals(hub.files.get(file), Files.readAllBytes(dir.resolve(file)), file);
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      assertEquals(List.of(), walk.filter(p -> p.toString().endsWith(".part")).toList());
    }
  }

  @Test
  void downloadsEveryFileVerifiedAndLeavesNoPartFiles() throws Exception {
    hub.treeApi = true;
    Path dir = store().ensure(request());

    assertEquals(modelDir.toAbsolutePath().normalize(), dir);
    assertComplete(dir);
    assertEquals(16, hub.requests.stream().filter(r -> r.path().contains("/resolve/")).count());
    assertTrue(
        hub.requests.stream()
            .anyMatch(r -> r.path().equals("/api/models/" + REPO + "/tree/main/onnx")));
  }

  @Test
  void worksWithoutTheTreeApi() throws Exception {
    Path dir = store().ensure(request());
    assertComplete(dir);
  }

  @Test
  void completeDirectoryMakesNoRequests() throws Exception {
    store().ensure(request());
    hub.requests.clear();

    Path again = store().ensure(request());

    assertEquals(modelDir.toAbsolutePath().normalize(), again);
    assertEquals(List.of(), hub.requests);
  }

  @Test
  void resumesWithRangeAfterTheConnectionIsCut() throws Exception {
    hub.cutOnce.add("onnx/vector_estimator.onnx");

    Path dir = store().ensure(request());

    assertComplete(dir);
    List<FakeHub.Request> gets = hub.requestsFor("onnx/vector_estimator.onnx");
    assertEquals(2, gets.size());
    assertNull(gets.get(0).header("Range"));
    assertEquals("bytes=150000-", gets.get(1).header("Range"));
  }

  @Test
  void resumesAPartFileLeftByAnEarlierRun() throws Exception {
    byte[] content = hub.files.get("onnx/vocoder.onnx");
    Files.createDirectories(modelDir.resolve("onnx"));
    Files.write(modelDir.resolve("onnx/vocoder.onnx.part"), Arrays.copyOf(content, 5000));

    store().ensure(request());

    assertComplete(modelDir);
    assertEquals("bytes=5000-", hub.requestsFor("onnx/vocoder.onnx").get(0).header("Range"));
  }

  @Test
  void restartsWhenTheServerIgnoresRange() throws Exception {
    hub.ignoreRange = true;
    byte[] content = hub.files.get("onnx/vocoder.onnx");
    Files.createDirectories(modelDir.resolve("onnx"));
    Files.write(modelDir.resolve("onnx/vocoder.onnx.part"), Arrays.copyOf(content, 5000));

    store().ensure(request());

    assertComplete(modelDir);
  }

  @Test
  void notFoundNamesTheFileAndSuggestsRepoAndRevision() {
    hub.statusFor.put("onnx/vocoder.onnx", 404);

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> store().ensure(request()));

    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertTrue(e.getMessage().contains("onnx/vocoder.onnx"), e.getMessage());
    assertTrue(
        e.getMessage().contains(hub.endpoint() + "/" + REPO + "/resolve/main/onnx/vocoder.onnx"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--model-repo"), e.getMessage());
    assertTrue(e.getMessage().contains("--model-revision"), e.getMessage());
  }

  @Test
  void unauthorizedMentionsHfToken() {
    hub.statusFor.put("onnx/tts.json", 401);

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> store().ensure(request()));

    assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
  }

  @Test
  void wrongSizeDeletesTheFileAndReportsIt() {
    hub.treeApi = true;
    hub.listedSize.put("onnx/text_encoder.onnx", 123_456L);

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> store().ensure(request()));

    assertTrue(e.getMessage().contains("onnx/text_encoder.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("123456"), e.getMessage());
    assertFalse(Files.exists(modelDir.resolve("onnx/text_encoder.onnx")));
    assertFalse(Files.exists(modelDir.resolve("onnx/text_encoder.onnx.part")));
  }

  @Test
  void checksumMismatchAgainstTheListedLfsSha256DeletesTheFile() {
    hub.treeApi = true;
    String bogus = "ab".repeat(32);
    hub.listedSha256.put("onnx/duration_predictor.onnx", bogus);

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> store().ensure(request()));

    assertTrue(e.getMessage().contains("onnx/duration_predictor.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    assertTrue(e.getMessage().contains(bogus), e.getMessage());
    assertFalse(Files.exists(modelDir.resolve("onnx/duration_predictor.onnx")));
    assertFalse(Files.exists(modelDir.resolve("onnx/duration_predictor.onnx.part")));
  }

  @Test
  void checksumMismatchAgainstTheLinkedEtagHeader() {
    hub.linkedEtag.put("onnx/vocoder.onnx", "cd".repeat(32));

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> store().ensure(request()));

    assertTrue(e.getMessage().contains("onnx/vocoder.onnx"), e.getMessage());
    assertFalse(Files.exists(modelDir.resolve("onnx/vocoder.onnx")));
  }

  @Test
  void correctLinkedEtagIsAccepted() throws Exception {
    hub.linkedEtag.put(
        "onnx/vocoder.onnx", FakeHub.hex("SHA-256", hub.files.get("onnx/vocoder.onnx")));
    assertComplete(store().ensure(request()));
  }

  @Test
  void aMirrorServingAnAlteredPinnedFileIsRejected() {
    byte[] altered = hub.files.get("voice_styles/F1.json").clone();
    altered[10] ^= 1;
    hub.files.put("voice_styles/F1.json", altered);
    hub.treeApi = true; // the listing agrees with the altered copy: only the pin can catch it

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> store().ensure(request()));

    assertTrue(e.getMessage().contains("voice_styles/F1.json"), e.getMessage());
    assertTrue(e.getMessage().contains(FakeHub.hex("SHA-256", altered)), e.getMessage());
    assertFalse(Files.exists(modelDir.resolve("voice_styles/F1.json")));
  }

  @Test
  void pinsDoNotApplyToAnotherRevision() {
    ChecksumPins pins =
        ChecksumPins.of(
            ModelVariant.SUPERTONIC_3,
            "v1",
            Map.of("onnx/tts.json", new ExpectedFile("onnx/tts.json", 1, null, null)));
    assertTrue(pins.find(ModelVariant.SUPERTONIC_3, "v1", "onnx/tts.json").isPresent());
    assertTrue(pins.find(ModelVariant.SUPERTONIC_3, null, "onnx/tts.json").isEmpty());
    assertTrue(pins.find(ModelVariant.SUPERTONIC_2, "v1", "onnx/tts.json").isEmpty());
    assertTrue(
        ChecksumPins.bundled()
            .find(ModelVariant.SUPERTONIC_3, null, "voice_styles/M5.json")
            .isPresent());
  }

  @Test
  void unreachableHubNamesMissingFilesAndTheDownloadCommand() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ModelRequest request =
        new ModelRequest(
            ModelVariant.SUPERTONIC_3,
            null,
            null,
            modelDir,
            "http://127.0.0.1:" + port,
            null,
            false);

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> store().ensure(request));

    assertTrue(e.getMessage().contains("Cannot reach"), e.getMessage());
    assertTrue(e.getMessage().contains("onnx/vector_estimator.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("voice_styles/M5.json"), e.getMessage());
    ModelNotLocalException notLocal = assertInstanceOf(ModelNotLocalException.class, e);
    assertFalse(notLocal.offline());
    assertEquals(modelDir.toAbsolutePath().normalize(), notLocal.dir());
    assertEquals(16, notLocal.missing().size());
    assertFalse(Files.exists(modelDir.resolve(".download.lock")), "no lock file left behind");
  }

  @Test
  void offlineWithMissingFilesFailsWithoutAnyRequest() {
    ModelRequest offline =
        new ModelRequest(
            ModelVariant.SUPERTONIC_3, null, null, modelDir, hub.endpoint(), null, true);

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> store().ensure(offline));

    assertTrue(e.getMessage().contains("--offline"), e.getMessage());
    assertTrue(e.getMessage().contains("onnx/duration_predictor.onnx"), e.getMessage());
    assertTrue(assertInstanceOf(ModelNotLocalException.class, e).offline());
    assertEquals(List.of(), hub.requests);
  }

  @Test
  void offlineWithACompleteDirectorySucceeds() throws Exception {
    store().ensure(request());
    hub.requests.clear();
    ModelRequest offline =
        new ModelRequest(
            ModelVariant.SUPERTONIC_3, null, null, modelDir, hub.endpoint(), null, true);

    assertEquals(modelDir.toAbsolutePath().normalize(), store().ensure(offline));
    assertEquals(List.of(), hub.requests);
  }

  @Test
  void sendsTheTokenAsBearerAndFollowsRedirectsWithoutLeakingIt() throws Exception {
    try (FakeHub cdn = new FakeHub(REPO)) {
      cdn.files.putAll(hub.files);
      hub.redirectTo = cdn;
      ModelRequest withToken =
          new ModelRequest(
              ModelVariant.SUPERTONIC_3, null, null, modelDir, hub.endpoint(), "hf_secret", false);

      Path dir = store().ensure(withToken);

      assertComplete(dir);
      List<FakeHub.Request> resolves =
          hub.requests.stream().filter(r -> r.path().contains("/resolve/")).toList();
      assertEquals(16, resolves.size());
      resolves.forEach(r -> assertEquals("Bearer hf_secret", r.header("Authorization")));
      assertEquals(16, cdn.requests.size());
      cdn.requests.forEach(
          r -> assertNull(r.header("Authorization"), "token sent to another origin"));
    }
  }

  @Test
  void mirrorRepoAndRevisionBuildTheUrl() throws Exception {
    try (FakeHub mirror = new FakeHub("lnkiai/supertonic-3-mirror")) {
      mirror.files.putAll(hub.files);
      ModelRequest request =
          new ModelRequest(
              ModelVariant.SUPERTONIC_3,
              "lnkiai/supertonic-3-mirror",
              null,
              modelDir,
              mirror.endpoint(),
              null,
              false);

      assertComplete(store().ensure(request));
      assertTrue(
          mirror
              .requests
              .get(mirror.requests.size() - 1)
              .path()
              .startsWith("/lnkiai/supertonic-3-mirror/resolve/main/"));
    }
  }

  @Test
  void invalidRepoIdIsAClearError() {
    ModelRequest request =
        new ModelRequest(
            ModelVariant.SUPERTONIC_3, "not a repo", null, modelDir, hub.endpoint(), null, false);

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> store().ensure(request));

    assertTrue(e.getMessage().contains("--model-repo"), e.getMessage());
    assertTrue(e.getMessage().contains("owner/name"), e.getMessage());
  }

  @Test
  void defaultDirectoryIsTheVariantCacheDirectory() {
    ModelRequest request =
        new ModelRequest(ModelVariant.SUPERTONIC_3, null, null, null, null, null, true);
    assertEquals(
        Path.of(System.getProperty("user.home"), ".cache", "supertonic3"),
        ModelStore.resolveDirectory(request));
  }

  @Test
  void retriesAServerErrorAndSucceeds() throws Exception {
    hub.statusOnce.put("onnx/text_encoder.onnx", 503);

    assertComplete(store().ensure(request()));
    assertEquals(2, hub.requestsFor("onnx/text_encoder.onnx").size());
  }

  @Test
  void persistentServerErrorsEndInAClearError() {
    hub.statusFor.put("onnx/text_encoder.onnx", 500);

    ModelUnavailableException e =
        assertThrows(ModelUnavailableException.class, () -> store().ensure(request()));

    assertTrue(e.getMessage().contains("onnx/text_encoder.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    assertEquals(FAST.maxAttempts(), hub.requestsFor("onnx/text_encoder.onnx").size());
  }

  @Test
  void v1NeedsFourVoicesAndFetchesTheExtraOnesTheTreeLists() throws Exception {
    try (FakeHub v1 = new FakeHub("Supertone/supertonic")) {
      for (String file : ModelLayout.requiredFiles(ModelVariant.SUPERTONIC)) {
        v1.files.put(file, hub.files.get(file));
      }
      v1.files.put("voice_styles/M3.json", hub.files.get("voice_styles/M3.json"));
      v1.treeApi = true;
      ModelRequest request =
          new ModelRequest(
              ModelVariant.SUPERTONIC, null, null, modelDir, v1.endpoint(), null, false);

      Path dir = store().ensure(request);

      assertEquals(4, ModelLayout.requiredVoices(ModelVariant.SUPERTONIC).size());
      assertArrayEquals(
          hub.files.get("voice_styles/M3.json"),
          Files.readAllBytes(dir.resolve("voice_styles/M3.json")));
      assertFalse(Files.exists(dir.resolve("voice_styles/M4.json")));
    }
  }
}
