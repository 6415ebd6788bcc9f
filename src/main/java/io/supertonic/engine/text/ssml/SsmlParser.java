package io.supertonic.engine.text.ssml;

import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.text.ExpressionTags;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The SSML subset (docs/ssml.md) to {@link SsmlDocument}: the JDK's XML parser with DOCTYPEs
 * refused (no entities, no external fetches), then a walk that tracks voice, language and rate.
 * Stateless and thread-safe.
 */
public final class SsmlParser {
  /** Longest single {@code <break>}: longer values are clamped, so one tag cannot hold a worker. */
  public static final double MAX_BREAK_SECONDS = 10.0;

  /** Pause after a {@code <s>} (a sentence) and around a {@code <p>} (a paragraph). */
  public static final double SENTENCE_PAUSE = 0.4;

  public static final double PARAGRAPH_PAUSE = 0.75;

  private static final Pattern LEADING_SPEAK = Pattern.compile("^\\s*<speak[\\s>/]");
  private static final Pattern TIME =
      Pattern.compile("\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ms|s)\\s*");

  // Written <laugh> (unclosed) is not well-formed XML: it becomes [laugh], same length, so parse
  // positions stay right, and the text pipeline turns [laugh] back into the model's tag.
  private static final Pattern EXPRESSION_TAG =
      Pattern.compile(
          "<(\\s*(?:" + String.join("|", ExpressionTags.SUPERTONIC3_TAGS) + ")\\s*)>",
          Pattern.CASE_INSENSITIVE);

  private SsmlParser() {}

  /** True when {@code input} is SSML: {@code <speak>} first, after optional whitespace. */
  public static boolean isSsml(CharSequence input) {
    return input != null && LEADING_SPEAK.matcher(input).lookingAt();
  }

  /**
   * Parses SSML; throws {@link InvalidRequestException} ({@code input}, {@code invalid_ssml}) with
   * the line and column for input that is not well-formed or uses a DOCTYPE, and for bad values.
   */
  public static SsmlDocument parse(String input) {
    Document document = read(EXPRESSION_TAG.matcher(input).replaceAll("[$1]"));
    Element root = document.getDocumentElement();
    if (!root.getTagName().equals("speak")) {
      throw invalid("the root element must be <speak>, got <" + root.getTagName() + ">");
    }
    Walk walk = new Walk();
    walk.element(root, new Context(null, language(root.getAttribute("xml:lang")), 1.0));
    return walk.finish();
  }

  private static Document read(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (SAXParseException e) {
      throw invalid(
          "SSML is not well-formed at line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + ": "
              + e.getMessage());
    } catch (SAXException | IOException e) {
      throw invalid("SSML could not be parsed: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
    }
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException("input", "invalid_ssml", message);
  }

  /** "de-DE" → "de"; blank → null (inherit). */
  private static String language(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    String primary = tag.strip().split("[-_]", 2)[0];
    return primary.toLowerCase(Locale.ROOT);
  }

  static double breakSeconds(Element element) {
    String time = element.getAttribute("time");
    if (!time.isEmpty()) {
      Matcher m = TIME.matcher(time);
      if (!m.matches()) {
        throw invalid("<break time=\"" + time + "\"> must be like 500ms or 1.5s");
      }
      double value = Double.parseDouble(m.group(1));
      return Math.min(MAX_BREAK_SECONDS, m.group(2).equals("ms") ? value / 1000 : value);
    }
    String strength = element.getAttribute("strength");
    return switch (strength.isEmpty() ? "medium" : strength) {
      case "none" -> 0;
      case "x-weak" -> 0.1;
      case "weak" -> 0.25;
      case "medium" -> SENTENCE_PAUSE;
      case "strong" -> PARAGRAPH_PAUSE;
      case "x-strong" -> 1.25;
      default ->
          throw invalid(
              "<break strength=\""
                  + strength
                  + "\"> must be none, x-weak, weak, medium, strong or x-strong");
    };
  }

  /** A {@code <prosody rate>} as a speed factor: keyword, percentage or plain number. */
  static double rate(String rate) {
    String r = rate.strip().toLowerCase(Locale.ROOT);
    double factor;
    switch (r) {
      case "x-slow" -> factor = 0.6;
      case "slow" -> factor = 0.8;
      case "medium", "default" -> factor = 1.0;
      case "fast" -> factor = 1.25;
      case "x-fast" -> factor = 1.5;
      default -> {
        try {
          factor =
              r.endsWith("%")
                  ? Double.parseDouble(r.substring(0, r.length() - 1).strip()) / 100
                  : Double.parseDouble(r);
        } catch (NumberFormatException e) {
          throw invalid(
              "<prosody rate=\""
                  + rate
                  + "\"> must be x-slow, slow, medium, fast, x-fast, a percentage or a number");
        }
      }
    }
    if (!Double.isFinite(factor) || factor <= 0) {
      throw invalid("<prosody rate=\"" + rate + "\"> must be positive");
    }
    return factor;
  }

  private record Context(String voice, String lang, double rate) {}

  /** The walk's output under construction. */
  private static final class Walk {
    private final List<SsmlSegment> segments = new ArrayList<>();
    private final Set<String> ignored = new LinkedHashSet<>();
    private final StringBuilder text = new StringBuilder();
    private Context textContext;

    void element(Element element, Context context) {
      String name = element.getTagName();
      switch (name) {
        case "speak" -> children(element, context);
        case "break" -> pause(breakSeconds(element), true);
        case "p", "s" -> {
          double pause = name.equals("p") ? PARAGRAPH_PAUSE : SENTENCE_PAUSE;
          if (name.equals("p")) {
            pause(pause, false);
          } else {
            flush();
          }
          children(element, context);
          pause(pause, false);
        }
        case "sub" -> append(element.getAttribute("alias"), context);
        case "say-as" -> {
          String kind = element.getAttribute("interpret-as");
          String content = element.getTextContent();
          String said =
              SayAs.render(kind, element.getAttribute("format"), content, context.lang())
                  .orElseGet(
                      () -> {
                        ignored.add("say-as:" + kind);
                        return content;
                      });
          append(said, context);
        }
        case "prosody" -> {
          String rate = element.getAttribute("rate");
          children(
              element,
              rate.isEmpty()
                  ? context
                  : new Context(context.voice(), context.lang(), context.rate() * rate(rate)));
        }
        case "lang" -> {
          String lang = language(element.getAttribute("xml:lang"));
          children(
              element,
              new Context(context.voice(), lang == null ? context.lang() : lang, context.rate()));
        }
        case "voice" -> {
          String voice = element.getAttribute("name").strip();
          children(
              element,
              new Context(
                  voice.isEmpty() ? context.voice() : voice, context.lang(), context.rate()));
        }
        default -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (ExpressionTags.SUPERTONIC3_TAGS.contains(lower)) {
            append(" [" + lower + "] ", context); // <laugh/> written as an element
          } else {
            ignored.add(name);
            children(element, context);
          }
        }
      }
    }

    private void children(Element element, Context context) {
      for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
        switch (child.getNodeType()) {
          case Node.ELEMENT_NODE -> element((Element) child, context);
          case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> append(child.getNodeValue(), context);
          default -> {} // comments, processing instructions
        }
      }
    }

    private void append(String words, Context context) {
      if (words.isBlank()) {
        if (textContext != null) {
          text.append(' ');
        }
        return;
      }
      if (textContext != null && !textContext.equals(context)) {
        flush();
      }
      textContext = context;
      text.append(words);
    }

    private void flush() {
      if (textContext != null && !text.toString().isBlank()) {
        String spoken = text.toString().strip().replaceAll("\\s+", " ");
        segments.add(
            new SsmlSegment.Speech(
                spoken, textContext.voice(), textContext.lang(), textContext.rate()));
      }
      text.setLength(0);
      textContext = null;
    }

    private void pause(double seconds, boolean explicit) {
      flush();
      if (!segments.isEmpty() && segments.get(segments.size() - 1) instanceof SsmlSegment.Pause p) {
        segments.set(
            segments.size() - 1,
            new SsmlSegment.Pause(Math.max(p.seconds(), seconds), p.explicit() || explicit));
      } else if (explicit || !segments.isEmpty()) {
        segments.add(new SsmlSegment.Pause(seconds, explicit));
      }
    }

    SsmlDocument finish() {
      flush();
      int last = segments.size() - 1;
      if (last >= 0 && segments.get(last) instanceof SsmlSegment.Pause p && !p.explicit()) {
        segments.remove(last);
      }
      segments.removeIf(s -> s instanceof SsmlSegment.Pause p && p.seconds() <= 0);
      return new SsmlDocument(segments, List.copyOf(ignored));
    }
  }
}
