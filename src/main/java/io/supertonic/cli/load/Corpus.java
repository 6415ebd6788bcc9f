package io.supertonic.cli.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The requests a load run sends: the shipped corpus ({@code bench/corpus.json}: 1-5 sentences in
 * several languages) or a file in the same shape, drawn in a seeded order.
 */
public final class Corpus {
  static final String RESOURCE = "bench/corpus.json";

  public record Entry(String lang, String text) {
    public int chars() {
      return text.length();
    }
  }

  private final List<Entry> entries;

  private Corpus(List<Entry> entries) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("the corpus has no requests");
    }
    this.entries = List.copyOf(entries);
  }

  public static Corpus shipped() throws IOException {
    try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("Classpath resource " + RESOURCE + " is missing from the build");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  public static Corpus read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  static Corpus parse(String json) {
    JsonArray requests = new JsonObject(json).getJsonArray("requests");
    if (requests == null) {
      throw new IllegalArgumentException("a corpus is {\"requests\": [{\"lang\", \"text\"}, ...]}");
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      JsonObject r = requests.getJsonObject(i);
      entries.add(new Entry(r.getString("lang", "en"), r.getString("text")));
    }
    return new Corpus(entries);
  }

  /** Keeps the entries whose language the server speaks. */
  public Corpus only(List<String> languages) {
    return new Corpus(entries.stream().filter(e -> languages.contains(e.lang())).toList());
  }

  public List<Entry> entries() {
    return entries;
  }

  /** {@code n} entries drawn with replacement in an order fixed by {@code seed}. */
  public List<Entry> draw(int n, long seed) {
    Random random = new Random(seed);
    List<Entry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(entries.get(random.nextInt(entries.size())));
    }
    return out;
  }

  public double meanChars() {
    return entries.stream().mapToInt(Entry::chars).average().orElse(0);
  }
}
