package io.supertonic.cli.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the server's {@code Server-Timing} header ({@code queue;dur=1.5, synth;dur=4.2, ...}). */
public final class ServerTiming {
  private static final Pattern METRIC = Pattern.compile("(\\w+);dur=([0-9.]+)");

  private ServerTiming() {}

  /** One metric's duration in milliseconds; -1 when the header or the metric is absent. */
  public static double durationMs(String header, String name) {
    if (header == null) {
      return -1;
    }
    Matcher m = METRIC.matcher(header);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return Double.parseDouble(m.group(2));
      }
    }
    return -1;
  }
}
