package io.supertonic.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A mix of voices, written {@code F1+M2} (equal parts) or {@code F1:0.7+M2:0.3} (any positive
 * weights, normalised): the style tensors are averaged with those weights, which gives a voice
 * between them. The canonical form lists native ids with normalised weights, e.g. {@code
 * F1:0.7+M2:0.3}.
 */
public record VoiceBlend(List<Part> parts) {

  /** One voice of the mix and its share (the shares add up to 1). */
  public record Part(String voice, double weight) {}

  static final int MAX_PARTS = 8;

  /** Whether {@code spec} is written as a blend rather than as one voice name. */
  public static boolean isBlend(String spec) {
    return spec != null && (spec.indexOf('+') >= 0 || spec.indexOf(':') >= 0);
  }

  /**
   * Parses a blend, resolving each part with {@code resolve} (e.g. alias to native id); empty when
   * any part is unknown or a weight is not a positive number.
   */
  public static Optional<VoiceBlend> parse(
      String spec, Function<String, Optional<String>> resolve) {
    // trim() below would otherwise quietly strip control characters around names and weights.
    if (spec.chars().anyMatch(Character::isISOControl)) {
      return Optional.empty();
    }
    String[] pieces = spec.split("\\+", -1);
    if (pieces.length > MAX_PARTS) {
      return Optional.empty();
    }
    List<String> voices = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (String piece : pieces) {
      String[] nameAndWeight = piece.trim().split(":", -1);
      if (nameAndWeight.length > 2 || nameAndWeight[0].isBlank()) {
        return Optional.empty();
      }
      Optional<String> voice = resolve.apply(nameAndWeight[0].trim());
      double weight = nameAndWeight.length == 2 ? parseWeight(nameAndWeight[1]) : 1.0;
      if (voice.isEmpty() || !(weight > 0) || Double.isInfinite(weight)) {
        return Optional.empty();
      }
      voices.add(voice.get());
      weights.add(weight);
    }
    double total = weights.stream().mapToDouble(Double::doubleValue).sum();
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < voices.size(); i++) {
      parts.add(new Part(voices.get(i), weights.get(i) / total));
    }
    return Optional.of(new VoiceBlend(List.copyOf(parts)));
  }

  /** Plain decimals only: Java's parser would also take "1d", "0x1p3", "1e9" and "Infinity". */
  private static final java.util.regex.Pattern WEIGHT =
      java.util.regex.Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,6})?|\\.[0-9]{1,6}");

  private static double parseWeight(String text) {
    String weight = text.trim();
    if (!WEIGHT.matcher(weight).matches()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(weight);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** {@code F1:0.7+M2:0.3}; a blend of a single voice is just its id. */
  public String canonical() {
    if (parts.size() == 1) {
      return parts.get(0).voice();
    }
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (out.length() > 0) {
        out.append('+');
      }
      String weight =
          String.format(Locale.ROOT, "%.3f", part.weight())
              .replaceAll("0+$", "")
              .replaceAll("\\.$", "");
      out.append(part.voice()).append(':').append(weight);
    }
    return out.toString();
  }

  /** The weighted average of the parts' style tensors. */
  VoiceStyle mix(Function<String, VoiceStyle> styles) {
    VoiceStyle first = styles.apply(parts.get(0).voice());
    float[] ttl = new float[first.ttl().length];
    float[] dp = new float[first.dp().length];
    for (Part part : parts) {
      VoiceStyle style = styles.apply(part.voice());
      for (int i = 0; i < ttl.length; i++) {
        ttl[i] += (float) (part.weight() * style.ttl()[i]);
      }
      for (int i = 0; i < dp.length; i++) {
        dp[i] += (float) (part.weight() * style.dp()[i]);
      }
    }
    return new VoiceStyle(canonical(), ttl, first.ttlShape(), dp, first.dpShape());
  }
}
