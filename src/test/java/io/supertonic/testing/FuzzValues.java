package io.supertonic.testing;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile JSON for the fuzz tests: odd Unicode (unpaired surrogates, RTL and
 * combining marks, zero-width and control characters), numbers JSON or Java mishandle, wrong types,
 * deep nesting, and text that is nothing but punctuation. Values come out as JSON source text, so a
 * generator can also emit what no JSON library would (NaN, comments, raw garbage).
 */
public final class FuzzValues {
  private FuzzValues() {}

  /** Characters a text field may hold, weighted towards the troublesome. */
  public static Arbitrary<Character> oddChars() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.chars().range('a', 'z')),
        Tuple.of(2, Arbitraries.of(' ', '.', ',', '!', '?', ';', ':', '-', '"', '\\', '/', '\'')),
        Tuple.of(1, Arbitraries.chars().range('\u0000', '\u001f')),
        Tuple.of(
            1,
            Arbitraries.of('\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\ufeff')),
        Tuple.of(1, Arbitraries.of('\u202a', '\u202b', '\u202e', '\u2066', '\u2067', '\u2069')),
        Tuple.of(1, Arbitraries.chars().range('\u0590', '\u06ff')),
        Tuple.of(1, Arbitraries.chars().range('\u0300', '\u036f')),
        Tuple.of(1, Arbitraries.chars().range('\ud800', '\udfff')),
        Tuple.of(1, Arbitraries.chars().range('\uac00', '\uac50')),
        Tuple.of(1, Arbitraries.chars().range('\u3040', '\u30ff')),
        Tuple.of(1, Arbitraries.of('\u2028', '\u2029', '\u0085', '\u00a0', '\ufffd', '\uffff')));
  }

  public static Arbitrary<String> oddStrings(int maxLength) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, oddChars().list().ofMaxSize(maxLength).map(FuzzValues::join)),
        Tuple.of(
            1,
            Arbitraries.strings()
                .withChars(".,!?;:-…—'\"()[]")
                .ofMinLength(1)
                .ofMaxLength(maxLength)),
        Tuple.of(
            1, Arbitraries.of("", " ", "\n", "Hi.", "F1", "alloy", "en", "ko", "auto", "[laugh]")));
  }

  private static String join(List<Character> chars) {
    StringBuilder out = new StringBuilder(chars.size());
    chars.forEach(out::append);
    return out.toString();
  }

  /** A JSON string literal holding {@code s}; lone surrogates become \\u escapes. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
        if (paired) {
          out.append(c).append(s.charAt(++i));
        } else {
          out.append(String.format("\\u%04x", (int) c));
        }
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** Number literals, valid and not: huge, tiny, negative zero, NaN, hex, leading zeros. */
  public static Arbitrary<String> numbers() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "0")),
        Tuple.of(2, Arbitraries.longs().map(l -> Long.toString(l))),
        Tuple.of(2, Arbitraries.integers().between(-3, 60).map(i -> Integer.toString(i))),
        Tuple.of(
            2,
            Arbitraries.of(
                "NaN",
                "Infinity",
                "-Infinity",
                "1e400",
                "-1e400",
                "1e-400",
                "-0",
                "0.0",
                "99999999999999999999999",
                "9007199254740993",
                "18446744073709551616",
                "0x10",
                "01",
                "1.",
                ".5",
                "+1",
                "1e2",
                "2.0",
                "0.25",
                "4",
                "4.0000001",
                "1E+2")));
  }

  /** Any JSON-ish value, nested up to {@code depth}. */
  public static Arbitrary<String> values(int depth) {
    Arbitrary<String> leaf =
        Arbitraries.frequencyOf(
            Tuple.of(4, oddStrings(24).map(FuzzValues::quote)),
            Tuple.of(3, numbers()),
            Tuple.of(1, Arbitraries.of("true", "false", "null")));
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<String> array =
        values(depth - 1).list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> object =
        Combinators.combine(oddStrings(8).map(FuzzValues::quote), values(depth - 1))
            .as((k, v) -> k + ":" + v)
            .list()
            .ofMaxSize(3)
            .map(l -> "{" + String.join(",", l) + "}");
    return Arbitraries.frequencyOf(Tuple.of(6, leaf), Tuple.of(1, array), Tuple.of(1, object));
  }

  /** Breaks well-formed JSON text the ways a broken client or an attacker would. */
  public static Arbitrary<String> mangled(Arbitrary<String> json) {
    return Combinators.combine(
            json, Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 10_000))
        .as(
            (text, how, where) -> {
              int at = text.isEmpty() ? 0 : where % (text.length() + 1);
              return switch (how) {
                case 0 -> text.substring(0, at);
                case 1 -> text + " trailing";
                case 2 -> text.substring(0, at) + "/* c */" + text.substring(at);
                case 3 -> "[".repeat(where % 300) + text + "]".repeat(where % 300);
                case 4 -> "{\"a\":".repeat(where % 300) + "1" + "}".repeat(where % 300);
                case 5 -> text.substring(0, at) + "\u0000" + text.substring(at);
                case 6 -> text + text;
                case 7 -> text.replace(':', '=');
                case 8 -> text.substring(0, at) + "," + text.substring(at);
                default -> text.substring(0, at) + "\"" + text.substring(at);
              };
            });
  }

  public static List<String> contentTypes() {
    return List.of(
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "application/jsonp",
        "text/plain",
        "application/json; charset=latin-1",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded");
  }
}
