package io.supertonic.engine.text.ssml;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code <say-as interpret-as>}: rewrites a span into words the model reads as meant. Number and
 * date words are English only; for other languages numbers and dates are passed through as written
 * (the model reads digits in its own way) while characters and telephone numbers are still split
 * into single symbols. See docs/ssml.md.
 */
final class SayAs {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern DATE_PARTS = Pattern.compile("(\\d+)\\D+(\\d+)(?:\\D+(\\d+))?");

  private SayAs() {}

  /** The words for {@code text}, or empty if {@code interpretAs} is not a kind we know. */
  static Optional<String> render(String interpretAs, String format, String text, String lang) {
    boolean english = lang == null || lang.equals("en");
    String trimmed = text.strip();
    return switch (interpretAs == null ? "" : interpretAs.toLowerCase(Locale.ROOT)) {
      case "characters", "spell-out", "verbatim" -> Optional.of(characters(trimmed, english));
      case "cardinal", "number" -> Optional.of(english ? cardinal(trimmed) : trimmed);
      case "ordinal" -> Optional.of(english ? ordinal(trimmed) : trimmed);
      case "date" -> Optional.of(english ? date(trimmed, format) : trimmed);
      case "telephone" -> Optional.of(telephone(trimmed, english));
      default -> Optional.empty();
    };
  }

  private static String characters(String text, boolean english) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .filter(c -> !Character.isWhitespace(c))
        .forEach(
            c -> {
              if (out.length() > 0) {
                out.append(' ');
              }
              if (english && c >= '0' && c <= '9') {
                out.append(EnglishNumbers.digit((char) c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static String cardinal(String text) {
    String digits = text.replace(",", "").replace("_", "");
    if (!INTEGER.matcher(digits).matches() || digits.length() > 18) {
      return text;
    }
    return EnglishNumbers.cardinal(Long.parseLong(digits.replace("+", "")));
  }

  private static String ordinal(String text) {
    String digits = text.replaceAll("(?i)(st|nd|rd|th|\\.)$", "").replace(",", "");
    if (!digits.matches("\\d{1,18}")) {
      return text;
    }
    return EnglishNumbers.ordinal(Long.parseLong(digits));
  }

  /**
   * {@code format} orders the parts as SSML's say-as note does: ymd (default for 4-digit first
   * parts), mdy (default otherwise), dmy, ym, my, md, dm. Unparseable dates stay as written.
   */
  private static String date(String text, String format) {
    Matcher m = DATE_PARTS.matcher(text);
    if (!m.matches()) {
      return text;
    }
    int[] parts = {
      Integer.parseInt(m.group(1)),
      Integer.parseInt(m.group(2)),
      m.group(3) == null ? -1 : Integer.parseInt(m.group(3))
    };
    String order =
        format != null && !format.isBlank()
            ? format.toLowerCase(Locale.ROOT)
            : m.group(1).length() == 4 ? (parts[2] < 0 ? "ym" : "ymd") : (parts[2] < 0 ? "md" : "mdy");
    if (order.length() != (parts[2] < 0 ? 2 : 3)) {
      return text;
    }
    int year = -1;
    int month = -1;
    int day = -1;
    for (int i = 0; i < order.length(); i++) {
      switch (order.charAt(i)) {
        case 'y' -> year = parts[i];
        case 'm' -> month = parts[i];
        case 'd' -> day = parts[i];
        default -> {
          return text;
        }
      }
    }
    try {
      LocalDate.of(year < 0 ? 2000 : year, month, day < 0 ? 1 : day); // validates month and day
    } catch (DateTimeException e) {
      return text;
    }
    String monthName =
        java.time.Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    StringBuilder out = new StringBuilder(monthName);
    if (day >= 0) {
      out.append(' ').append(EnglishNumbers.ordinal(day));
    }
    if (year >= 0) {
      out.append(day >= 0 ? ", " : " ").append(EnglishNumbers.year(year));
    }
    return out.toString();
  }

  /** Digit by digit, groups (split at spaces, dashes, dots, parentheses) separated by commas. */
  private static String telephone(String text, boolean english) {
    StringBuilder out = new StringBuilder();
    for (String group : text.split("[\\s\\-.()/]+")) {
      if (group.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append(", ");
      }
      StringBuilder words = new StringBuilder();
      for (char c : group.toCharArray()) {
        if (words.length() > 0) {
          words.append(' ');
        }
        if (c >= '0' && c <= '9') {
          words.append(english ? EnglishNumbers.digit(c) : String.valueOf(c));
        } else if (c == '+' && english) {
          words.append("plus");
        } else {
          words.append(c);
        }
      }
      out.append(words);
    }
    return out.toString();
  }
}
