package io.supertonic.timestamps;

import java.util.List;
import java.util.Locale;

/** WebVTT and SubRip renderings of a synthesis's timestamps: one cue per chunk. */
public final class Subtitles {
  private Subtitles() {}

  public static String vtt(List<SpanTimestamp> spans) {
    StringBuilder out = new StringBuilder("WEBVTT\n\n");
    for (SpanTimestamp s : spans) {
      out.append(s.seq() + 1)
          .append('\n')
          .append(time(s.startS(), '.'))
          .append(" --> ")
          .append(time(s.endS(), '.'))
          .append('\n')
          .append(cueText(s.text()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
          .append("\n\n");
    }
    return out.toString();
  }

  public static String srt(List<SpanTimestamp> spans) {
    StringBuilder out = new StringBuilder();
    for (SpanTimestamp s : spans) {
      out.append(s.seq() + 1)
          .append('\n')
          .append(time(s.startS(), ','))
          .append(" --> ")
          .append(time(s.endS(), ','))
          .append('\n')
          .append(cueText(s.text()))
          .append("\n\n");
    }
    return out.toString();
  }

  /** A cue ends at its first blank line: line breaks inside a span become spaces. */
  private static String cueText(String text) {
    String flat = text.replaceAll("\\s*\\R\\s*", " ").strip();
    return flat.isEmpty() ? "…" : flat;
  }

  private static String time(double seconds, char decimal) {
    long ms = Math.round(seconds * 1000.0);
    return String.format(
        Locale.ROOT,
        "%02d:%02d:%02d%c%03d",
        ms / 3_600_000,
        (ms / 60_000) % 60,
        (ms / 1000) % 60,
        decimal,
        ms % 1000);
  }
}
