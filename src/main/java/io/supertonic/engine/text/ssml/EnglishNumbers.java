package io.supertonic.engine.text.ssml;

import java.util.Locale;

/** English number words for {@code <say-as>}: cardinals and ordinals, as far as a long reaches. */
final class EnglishNumbers {
  private static final String[] SMALL = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"
  };
  private static final String[] TENS = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
  };
  private static final String[] SCALES = {
    "", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion"
  };

  private EnglishNumbers() {}

  static String cardinal(long n) {
    if (n < 0) {
      return "minus " + (n == Long.MIN_VALUE ? "a very large number" : cardinal(-n));
    }
    if (n < 1000) {
      return belowThousand((int) n);
    }
    StringBuilder out = new StringBuilder();
    long rest = n;
    int scale = 0;
    while (rest > 0) {
      int group = (int) (rest % 1000);
      if (group != 0) {
        String words = belowThousand(group) + (scale > 0 ? " " + SCALES[scale] : "");
        out.insert(0, out.length() == 0 ? words : words + " ");
      }
      rest /= 1000;
      scale++;
    }
    return out.toString();
  }

  /** "first", "twenty-second", "one hundredth". */
  static String ordinal(long n) {
    String words = cardinal(n);
    int cut = Math.max(words.lastIndexOf(' '), words.lastIndexOf('-')) + 1;
    String head = words.substring(0, cut);
    String last = words.substring(cut);
    String ordinal =
        switch (last) {
          case "one" -> "first";
          case "two" -> "second";
          case "three" -> "third";
          case "five" -> "fifth";
          case "eight" -> "eighth";
          case "nine" -> "ninth";
          case "twelve" -> "twelfth";
          default -> last.endsWith("y") ? last.substring(0, last.length() - 1) + "ieth" : last + "th";
        };
    return head + ordinal;
  }

  /** A year as people say it: 1984 → nineteen eighty-four, 2005 → two thousand five. */
  static String year(int year) {
    if (year >= 1100 && year < 10000 && year % 100 != 0 && (year < 2000 || year >= 2010)) {
      int low = year % 100;
      return cardinal(year / 100) + " " + (low < 10 ? "oh " + cardinal(low) : cardinal(low));
    }
    return cardinal(year);
  }

  static String digit(char c) {
    return SMALL[c - '0'];
  }

  private static String belowThousand(int n) {
    if (n < 20) {
      return SMALL[n];
    }
    if (n < 100) {
      return TENS[n / 10] + (n % 10 == 0 ? "" : "-" + SMALL[n % 10]);
    }
    return SMALL[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + belowThousand(n % 100));
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
