package io.supertonic.text;

/**
 * Client input made safe to echo in an error message or write into a log line: control, bidi and
 * unpaired-surrogate characters are escaped (so a CR/LF cannot forge a log line and RTL overrides
 * cannot disguise one), and long values are cut to a few dozen characters with their full length
 * noted. The one place every transport and log statement uses for untrusted strings.
 */
public final class SafeText {
  /** Characters of the original kept before the cut. */
  public static final int DEFAULT_MAX_CHARS = 40;

  private SafeText() {}

  /** {@code value} escaped and cut to {@value #DEFAULT_MAX_CHARS} characters; "null" for null. */
  public static String of(String value) {
    return of(value, DEFAULT_MAX_CHARS);
  }

  public static String of(String value, int maxChars) {
    if (value == null) {
      return "null";
    }
    int end = Math.min(value.length(), maxChars);
    // Never cut between the halves of a surrogate pair.
    if (end < value.length() && end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end + 24);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        if (i + 1 < end) {
          out.append(c).append(value.charAt(++i));
        }
        continue;
      }
      appendEscaped(out, c);
    }
    if (end < value.length()) {
      out.append("...(").append(value.length()).append(" chars)");
    }
    return out.toString();
  }

  /** Any value (e.g. a JSON number, boolean or object) shown the same way. */
  public static String of(Object value) {
    return value instanceof String s ? of(s) : of(String.valueOf(value));
  }

  private static void appendEscaped(StringBuilder out, char c) {
    switch (c) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\\' -> out.append("\\\\");
      default -> {
        if (needsEscape(c)) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
  }

  private static boolean needsEscape(char c) {
    return Character.isISOControl(c)
        || Character.isSurrogate(c) // only unpaired ones reach here
        || (c >= '\u202a' && c <= '\u202e') // bidi embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069') // bidi isolates
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u200e'
        || c == '\u200f'
        || c == '\u061c'
        || c == '\ufeff';
  }
}
