package io.supertonic.engine;

import io.supertonic.text.SafeText;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.supertonic.engine.text.TextChunk;
import io.supertonic.engine.text.TextPipeline;
import io.supertonic.engine.text.ssml.SsmlDocument;
import io.supertonic.engine.text.ssml.SsmlParser;
import io.supertonic.engine.text.ssml.SsmlSegment;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded Supertonic model: four ONNX sessions, the text pipeline and the voice styles.
 * Thread-safe: several jobs may run at once (ONNX Runtime sessions allow concurrent runs); the
 * caller bounds how many.
 */
public final class SupertonicEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SupertonicEngine.class);

  public static final double MIN_SPEED = 0.5;
  public static final double MAX_SPEED = 2.0;
  public static final int MIN_STEPS = 1;
  public static final int MAX_STEPS = 50;

  /**
   * Silence put between chunks. Upstream's offline helper uses 0.3 s between whole paragraphs-sized
   * chunks; we chunk at clauses too (short first chunk for streaming), where 0.3 s sounds like a
   * stutter, so we follow the Python server's 0.1 s.
   */
  public static final double INTER_CHUNK_SILENCE_SECONDS = 0.1;

  static final List<String> GRAPH_FILES =
      List.of(
          "duration_predictor.onnx", "text_encoder.onnx", "vector_estimator.onnx", "vocoder.onnx");

  private final ModelVariant variant;
  private final ModelConfig config;
  private final ModelGraphs graphs;
  private final VoiceLibrary voices;
  private final TextPipeline text;
  private final ChunkSynthesizer synthesizer;
  private final BatchSynthesizer batch;
  private final RunGuard guard = new RunGuard();

  private SupertonicEngine(
      ModelVariant variant,
      ModelConfig config,
      ModelGraphs graphs,
      VoiceLibrary voices,
      TextPipeline text) {
    this.variant = variant;
    this.config = config;
    this.graphs = graphs;
    this.voices = voices;
    this.text = text;
    this.synthesizer = new ChunkSynthesizer(OrtRuntime.environment(), graphs, config);
    this.batch = new BatchSynthesizer(OrtRuntime.environment(), graphs, config);
  }

  /** Loads and validates a model directory. Fails naming the file and the mismatch. */
  public static SupertonicEngine load(EngineOptions options) throws ModelLoadException {
    Path dir = options.modelDir();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new ModelLoadException("Model directory " + dir + " does not exist");
    }
    Path onnx = dir.resolve("onnx");
    requireFiles(dir, onnx);
    ModelConfig config = ModelConfig.read(onnx.resolve("tts.json"));
    int[] indexer = UnicodeIndexerReader.read(onnx.resolve("unicode_indexer.json"));
    OrtEnvironment env = OrtRuntime.environment();
    ModelGraphs graphs = ModelGraphs.open(env, onnx, config, options);
    VoiceLibrary voices = null;
    try {
      VoiceStyleReader reader =
          new VoiceStyleReader(
              styleShape(graphs.textEncoder, "style_ttl"),
              styleShape(graphs.durationPredictor, "style_dp"));
      voices =
          VoiceLibrary.load(env, reader, dir.resolve("voice_styles"), options.extraVoicesDir());
      TextPipeline text = new TextPipeline(options.variant(), indexer);
      SupertonicEngine engine =
          new SupertonicEngine(options.variant(), config, graphs, voices, text);
      LOG.info(
          "Loaded {} from {}: {} Hz, {} voices, providers {}, intra-op threads {}",
          options.variant().id(),
          dir,
          config.sampleRate(),
          voices.ids().size(),
          graphs.providers,
          options.intraThreads() == 0 ? "default" : options.intraThreads());
      return engine;
    } catch (ModelLoadException | RuntimeException e) {
      if (voices != null) {
        voices.close();
      }
      graphs.close();
      throw e;
    }
  }

  private static void requireFiles(Path dir, Path onnx) throws ModelLoadException {
    List<String> missing = new ArrayList<>();
    for (String f : GRAPH_FILES) {
      if (!Files.isRegularFile(onnx.resolve(f))) {
        missing.add("onnx/" + f);
      }
    }
    for (String f : List.of("tts.json", "unicode_indexer.json")) {
      if (!Files.isRegularFile(onnx.resolve(f))) {
        missing.add("onnx/" + f);
      }
    }
    if (!Files.isDirectory(dir.resolve("voice_styles"))) {
      missing.add("voice_styles/");
    }
    if (!missing.isEmpty()) {
      throw new ModelLoadException(
          "Model directory " + dir + " is missing " + String.join(", ", missing));
    }
  }

  /** The style shape the graph takes with batch 1; dynamic dimensions come back as -1 (any). */
  private static long[] styleShape(OrtSession session, String input) throws ModelLoadException {
    try {
      NodeInfo node = session.getInputInfo().get(input);
      long[] shape = ((TensorInfo) node.getInfo()).getShape().clone();
      shape[0] = 1;
      return shape;
    } catch (OrtException e) {
      throw new ModelLoadException(
          "Cannot read the shape of input '" + input + "': " + e.getMessage(), e);
    }
  }

  public ModelInfo info() {
    return new ModelInfo(
        variant.id(), config.sampleRate(), text.languages(), voices.ids(), graphs.providers);
  }

  public ModelConfig config() {
    return config;
  }

  public TextPipeline text() {
    return text;
  }

  /** True for the model's own voices (voice_styles/), which cannot be replaced or removed. */
  public boolean isPresetVoice(String id) {
    return voices.isPreset(id);
  }

  /** Checks an uploaded voice style against the model's style shapes; the reason if it fails. */
  public void checkVoice(String id, JsonObject style) throws ModelLoadException {
    voices.check(id, style);
  }

  /** Adds (or replaces) a voice at run time; usable by the next synthesis. */
  public void addVoice(String id, JsonObject style) throws ModelLoadException {
    voices.add(id, style);
  }

  /** Removes a run-time voice; false when there was none of that id or it is a preset. */
  public boolean removeVoice(String id) {
    return voices.remove(id);
  }

  /**
   * Validates the parameters (voice, language, speed, steps, text) and returns a lazy job. Throws
   * {@link InvalidRequestException} for bad input before any inference runs.
   */
  public SynthesisJob start(SynthesisParams params) {
    if (SsmlParser.isSsml(params.text())) {
      return startSsml(params);
    }
    return startPlain(params);
  }

  /**
   * SSML (docs/ssml.md): every speech segment is validated and started here, so a bad voice or
   * language in any span is a 400 before audio flows; their text is processed lazily as usual.
   */
  private SynthesisJob startSsml(SynthesisParams params) {
    SsmlDocument document = SsmlParser.parse(params.text());
    checkSpeed(params.speed());
    List<SsmlSynthesisJob.Step> steps = new ArrayList<>();
    for (SsmlSegment segment : document.segments()) {
      if (segment instanceof SsmlSegment.Pause pause) {
        steps.add(
            new SsmlSynthesisJob.Step.Silence(
                (int) Math.round(pause.seconds() * config.sampleRate())));
      } else if (segment instanceof SsmlSegment.Speech speech) {
        double speed = Math.max(MIN_SPEED, Math.min(MAX_SPEED, params.speed() * speech.rate()));
        SynthesisParams part =
            new SynthesisParams(
                speech.text(),
                speech.voice() != null ? speech.voice() : params.voice(),
                speech.lang() != null ? speech.lang() : params.lang(),
                speed,
                params.totalSteps(),
                params.seed());
        steps.add(new SsmlSynthesisJob.Step.Speak(startPlain(part)));
      }
    }
    if (steps.isEmpty()) {
      throw new InvalidRequestException(
          "input", "empty_input", "the SSML document has nothing to speak and no break");
    }
    int silence = (int) Math.round(INTER_CHUNK_SILENCE_SECONDS * config.sampleRate());
    return new SsmlSynthesisJob(steps, config.sampleRate(), silence);
  }

  private static void checkSpeed(double speed) {
    if (!Double.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
      throw new InvalidRequestException(
          "speed",
          "invalid_speed",
          "speed must be between " + MIN_SPEED + " and " + MAX_SPEED + ", got " + speed);
    }
  }

  private SynthesisJob startPlain(SynthesisParams params) {
    StyleSource style = style(params.voice());
    List<String> languages = text.languages();
    if (params.lang() == null || !languages.contains(params.lang().toLowerCase(Locale.ROOT))) {
      throw new InvalidRequestException(
          "lang",
          "invalid_language",
          "Unsupported language '"
              + SafeText.of(params.lang())
              + "' for "
              + variant.id()
              + "; supported: "
              + String.join(", ", languages));
    }
    checkSpeed(params.speed());
    if (params.totalSteps() < MIN_STEPS || params.totalSteps() > MAX_STEPS) {
      throw new InvalidRequestException(
          "total_steps",
          "invalid_total_steps",
          "total_steps must be between "
              + MIN_STEPS
              + " and "
              + MAX_STEPS
              + ", got "
              + params.totalSteps());
    }
    Iterator<TextChunk> chunks;
    try {
      chunks = text.chunks(params.text(), params.lang().toLowerCase(Locale.ROOT));
    } catch (InvalidRequestException e) {
      if ("empty_input".equals(e.code()) && params.text() != null && !params.text().isBlank()) {
        return new SilentJob(config.sampleRate()); // punctuation only, e.g. "."
      }
      throw e;
    }
    int silence = (int) Math.round(INTER_CHUNK_SILENCE_SECONDS * config.sampleRate());
    return new EngineSynthesisJob(
        synthesizer, guard, chunks, style, params, config.sampleRate(), silence);
  }

  /**
   * Synthesizes the next chunk of each job in one batch (continuous batching across requests):
   * padded and masked so each job gets the same audio as from {@link SynthesisJob#next()} (int16
   * samples equal or 1 LSB apart). Jobs may differ in text, voice, speed, steps and seed; an item
   * with fewer steps leaves the vector estimator's batch when it is done. Blocking; off the event
   * loop. A GPU gains most from it; on a CPU it buys little (docs/BENCHMARKS.md).
   *
   * @param jobs distinct jobs started by this engine, each with a chunk left
   * @return each job's next chunk, in the order of {@code jobs}
   */
  public List<AudioChunk> nextBatch(List<SynthesisJob> jobs) {
    List<BatchSynthesizer.Item> items = batchItems(jobs);
    if (items.isEmpty()) {
      return List.of();
    }
    try {
      return guard.run(() -> batch.synthesize(items));
    } catch (ai.onnxruntime.OrtException e) {
      throw new IllegalStateException("Batched inference failed: " + e.getMessage(), e);
    }
  }

  /** The next chunk of each job as a batch item, once every job was checked. */
  private List<BatchSynthesizer.Item> batchItems(List<SynthesisJob> jobs) {
    // SSML jobs (several voices/languages/speeds in a row) are not batchable: see isBatchable.
    java.util.Set<SynthesisJob> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (SynthesisJob job : jobs) {
      if (!(job instanceof EngineSynthesisJob own) || !own.belongsTo(synthesizer)) {
        throw new IllegalArgumentException("a job in the batch was not started by this engine");
      }
      if (!seen.add(job)) {
        throw new IllegalArgumentException("a job appears twice in the batch");
      }
      if (!job.hasNext()) {
        throw new IllegalArgumentException("a job in the batch has no chunk left");
      }
    }
    return jobs.stream().map(j -> ((EngineSynthesisJob) j).takeBatchItem()).toList();
  }

  /**
   * Takes the next chunk of each job and encodes them as one batch (duration predictor and text
   * encoder): the start of a chunk synthesized step by step ({@link ChunkInProgress}). The chunks
   * count as produced, as {@link SynthesisJob#next()} would. Blocking; off the event loop.
   */
  public List<ChunkInProgress> beginChunks(List<SynthesisJob> jobs) {
    List<BatchSynthesizer.Item> items = batchItems(jobs);
    if (items.isEmpty()) {
      return List.of();
    }
    try {
      return guard.run(
          () -> {
            long t0 = System.nanoTime();
            BatchSynthesizer.Encoded encoded = batch.encode(items);
            long nanos = System.nanoTime() - t0;
            List<ChunkInProgress> out = new ArrayList<>(items.size());
            encoded.states().forEach(s -> out.add(new ChunkInProgress(s, nanos)));
            return out;
          });
    } catch (OrtException e) {
      throw new IllegalStateException("Encoding failed: " + e.getMessage(), e);
    }
  }

  /**
   * One denoising step for each chunk that still has one, as one batch (chunks may be at different
   * steps and of different lengths). Blocking; off the event loop.
   */
  public void denoiseStep(List<ChunkInProgress> chunks) {
    List<ChunkInProgress> active = chunks.stream().filter(c -> !c.denoised()).toList();
    if (active.isEmpty()) {
      return;
    }
    int[] before = active.stream().mapToInt(ChunkInProgress::step).toArray();
    try {
      long nanos =
          guard.run(
              () -> {
                long t0 = System.nanoTime();
                if (active.size() == 1) {
                  ChunkInProgress alone = active.get(0);
                  if (alone.solo == null) {
                    alone.solo = batch.solo(alone.state);
                  }
                  batch.stepAlone(alone.state, alone.solo);
                } else {
                  batch.step(active.stream().map(c -> c.state).toList());
                }
                return System.nanoTime() - t0;
              });
      for (int i = 0; i < active.size(); i++) {
        active.get(i).stepNanos[before[i]] = nanos;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("Denoising failed: " + e.getMessage(), e);
    }
  }

  /** The vocoder over denoised chunks, as one batch: their audio, in order. */
  public List<AudioChunk> finishChunks(List<ChunkInProgress> chunks) {
    if (chunks.isEmpty()) {
      return List.of();
    }
    if (chunks.stream().anyMatch(c -> !c.denoised())) {
      throw new IllegalArgumentException("a chunk still has denoising steps to run");
    }
    try {
      return guard.run(
          () -> {
            long t0 = System.nanoTime();
            List<float[]> wavs = batch.vocode(chunks.stream().map(c -> c.state).toList());
            long nanos = System.nanoTime() - t0;
            List<AudioChunk> out = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
              ChunkInProgress c = chunks.get(i);
              c.close();
              c.vocoderNanos = nanos;
              out.add(BatchSynthesizer.audio(c.state, wavs.get(i), c.timings()));
            }
            return out;
          });
    } catch (OrtException e) {
      throw new IllegalStateException("Vocoding failed: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@link #nextBatch} accepts this job: plain jobs of this engine are; SSML jobs (which
   * chain several inner jobs and insert pauses) are not and run with {@link SynthesisJob#next()}.
   */
  public boolean isBatchable(SynthesisJob job) {
    return job instanceof EngineSynthesisJob own && own.belongsTo(synthesizer);
  }

  /** The voice's shared tensors, or for a blend ({@code F1:0.7+M2:0.3}) its mixed style. */
  private StyleSource style(String voice) {
    if (voice != null && VoiceBlend.isBlend(voice)) {
      Optional<VoiceBlend> blend =
          VoiceBlend.parse(
              voice, id -> voices.get(id) == null ? Optional.empty() : Optional.of(id));
      if (blend.isPresent()) {
        return StyleSource.mixed(blend.get().mix(voices::style));
      }
    } else if (voice != null && voices.get(voice) != null) {
      return StyleSource.shared(voices.get(voice));
    }
    throw new InvalidRequestException(
        "voice",
        "invalid_voice",
        "Unknown voice '"
            + SafeText.of(voice)
            + "'; available voices: "
            + String.join(", ", voices.ids())
            + " (or a blend such as F1+M2 or F1:0.7+M2:0.3)");
  }

  /** Waits for inferences in flight to finish, then closes the sessions and voice tensors. */
  @Override
  public void close() {
    guard.close(
        () -> {
          voices.close();
          graphs.close();
        });
  }
}
