package io.supertonic.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text format 0.0.4, for the tests: every line must be a HELP, a
 * TYPE or a sample of the family declared just before it; names, labels and values must be well
 * formed. Anything else fails with the line number.
 */
final class PrometheusText {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "summary", "histogram", "untyped");

  record Sample(String name, Map<String, String> labels, double value) {}

  static final class Family {
    final String name;
    String help;
    String type;
    final List<Sample> samples = new ArrayList<>();

    Family(String name) {
      this.name = name;
    }

    /** The value of the one sample named {@code sampleName} whose labels include {@code labels}. */
    double value(String sampleName, Map<String, String> labels) {
      List<Sample> matches =
          samples.stream()
              .filter(
                  s ->
                      s.name().equals(sampleName)
                          && s.labels().entrySet().containsAll(labels.entrySet()))
              .toList();
      if (matches.size() != 1) {
        throw new AssertionError("Expected one sample " + sampleName + labels + " in " + samples);
      }
      return matches.get(0).value();
    }
  }

  private PrometheusText() {}

  static Map<String, Family> parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("Exposition must end with a newline");
    }
    Map<String, Family> families = new LinkedHashMap<>();
    Set<String> seenSeries = new HashSet<>();
    Family current = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      int number = i + 1;
      try {
        if (line.isEmpty()) {
          throw new IllegalArgumentException("empty line");
        }
        if (line.startsWith("#")) {
          current = parseComment(line, families, current);
        } else {
          Sample sample = parseSample(line);
          if (current == null || current.type == null || !belongsTo(sample.name(), current)) {
            throw new IllegalArgumentException(
                "sample " + sample.name() + " does not follow its TYPE line");
          }
          if (!seenSeries.add(sample.name() + sample.labels())) {
            throw new IllegalArgumentException(
                "duplicate series " + sample.name() + sample.labels());
          }
          if (current.type.equals("summary") && sample.name().equals(current.name)) {
            double q = Double.parseDouble(required(sample.labels(), "quantile"));
            if (q < 0 || q > 1) {
              throw new IllegalArgumentException("quantile out of 0..1: " + q);
            }
          }
          current.samples.add(sample);
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "Line " + number + " '" + line + "': " + e.getMessage(), e);
      }
    }
    return families;
  }

  private static Family parseComment(String line, Map<String, Family> families, Family current) {
    String[] parts = line.split(" ", 4);
    if (parts.length < 4
        || !parts[0].equals("#")
        || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
      throw new IllegalArgumentException(
          "comment is neither '# HELP name text' nor '# TYPE name type'");
    }
    String name = parts[2];
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name " + name);
    }
    Family family = families.get(name);
    if (family == null) {
      family = new Family(name);
      families.put(name, family);
    } else if (family != current) {
      throw new IllegalArgumentException("family " + name + " is split");
    }
    if (parts[1].equals("HELP")) {
      if (family.help != null || family.type != null) {
        throw new IllegalArgumentException("HELP must come once, before TYPE");
      }
      family.help = parts[3];
    } else {
      if (family.type != null || !family.samples.isEmpty()) {
        throw new IllegalArgumentException("TYPE must come once, before the samples");
      }
      if (!TYPES.contains(parts[3])) {
        throw new IllegalArgumentException("unknown type " + parts[3]);
      }
      family.type = parts[3];
    }
    return family;
  }

  private static boolean belongsTo(String sampleName, Family family) {
    if (sampleName.equals(family.name)) {
      return true;
    }
    List<String> suffixes =
        switch (family.type) {
          case "summary" -> List.of("_count", "_sum");
          case "histogram" -> List.of("_count", "_sum", "_bucket");
          default -> List.of();
        };
    return suffixes.stream().anyMatch(s -> sampleName.equals(family.name + s));
  }

  private static Sample parseSample(String line) {
    int pos = 0;
    while (pos < line.length() && line.charAt(pos) != '{' && line.charAt(pos) != ' ') {
      pos++;
    }
    String name = line.substring(0, pos);
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name '" + name + "'");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (pos < line.length() && line.charAt(pos) == '{') {
      pos = parseLabels(line, pos + 1, labels);
    }
    if (pos >= line.length() || line.charAt(pos) != ' ') {
      throw new IllegalArgumentException("expected a space before the value");
    }
    String[] rest = line.substring(pos + 1).split(" ");
    if (rest.length < 1 || rest.length > 2) {
      throw new IllegalArgumentException("expected 'value [timestamp]'");
    }
    double value = parseValue(rest[0]);
    if (rest.length == 2) {
      Long.parseLong(rest[1]);
    }
    return new Sample(name, labels, value);
  }

  /**
   * Parses {@code name="value",...}} from {@code pos}; returns the index after the closing brace.
   */
  private static int parseLabels(String line, int pos, Map<String, String> labels) {
    while (true) {
      if (pos >= line.length()) {
        throw new IllegalArgumentException("unterminated label set");
      }
      if (line.charAt(pos) == '}') {
        return pos + 1;
      }
      int eq = line.indexOf('=', pos);
      if (eq < 0) {
        throw new IllegalArgumentException("label without '='");
      }
      String labelName = line.substring(pos, eq);
      if (!LABEL_NAME.matcher(labelName).matches()) {
        throw new IllegalArgumentException("invalid label name '" + labelName + "'");
      }
      if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("label value must be quoted");
      }
      StringBuilder value = new StringBuilder();
      int p = eq + 2;
      while (true) {
        if (p >= line.length()) {
          throw new IllegalArgumentException("unterminated label value");
        }
        char c = line.charAt(p);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          char next = p + 1 < line.length() ? line.charAt(p + 1) : 0;
          switch (next) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw new IllegalArgumentException("invalid escape in label value");
          }
          p += 2;
        } else {
          value.append(c);
          p++;
        }
      }
      if (labels.put(labelName, value.toString()) != null) {
        throw new IllegalArgumentException("duplicate label " + labelName);
      }
      pos = p + 1;
      if (pos < line.length() && line.charAt(pos) == ',') {
        pos++;
      } else if (pos >= line.length() || line.charAt(pos) != '}') {
        throw new IllegalArgumentException("expected ',' or '}' after a label");
      }
    }
  }

  private static double parseValue(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
          throw new IllegalArgumentException("invalid value '" + s + "'");
        }
        yield Double.parseDouble(s);
      }
    };
  }

  private static String required(Map<String, String> labels, String name) {
    String v = labels.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing label " + name);
    }
    return v;
  }
}
