package io.supertonic.engine.text.ssml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.text.ssml.SsmlSegment.Pause;
import io.supertonic.engine.text.ssml.SsmlSegment.Speech;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsmlParserTest {

  @Test
  void onlyALeadingSpeakMakesSsml() {
    assertTrue(SsmlParser.isSsml("<speak>Hi</speak>"));
    assertTrue(SsmlParser.isSsml("  \n<speak xml:lang=\"en\">Hi</speak>"));
    assertFalse(SsmlParser.isSsml("Say <speak>Hi</speak>"));
    assertFalse(SsmlParser.isSsml("<speaker>Hi</speaker>"));
    assertFalse(SsmlParser.isSsml("Hello"));
  }

  @Test
  void breaksAreExplicitPausesOfTheirLength() {
    SsmlDocument doc =
        SsmlParser.parse(
            "<speak>One<break time=\"500ms\"/>two<break time=\"1.5s\"/>three"
                + "<break strength=\"x-strong\"/>four<break/>five</speak>");
    assertEquals(
        List.of(
            new Speech("One", null, null, 1.0),
            new Pause(0.5, true),
            new Speech("two", null, null, 1.0),
            new Pause(1.5, true),
            new Speech("three", null, null, 1.0),
            new Pause(1.25, true),
            new Speech("four", null, null, 1.0),
            new Pause(SsmlParser.SENTENCE_PAUSE, true),
            new Speech("five", null, null, 1.0)),
        doc.segments());
    assertEquals(
        SsmlParser.MAX_BREAK_SECONDS,
        ((Pause) SsmlParser.parse("<speak>a<break time=\"90s\"/>b</speak>").segments().get(1))
            .seconds());
  }

  @Test
  void paragraphsAndSentencesPauseBetweenButNotAtTheEnds() {
    SsmlDocument doc =
        SsmlParser.parse("<speak><p><s>First one.</s><s>Second.</s></p><p>Next para.</p></speak>");
    assertEquals(
        List.of(
            new Speech("First one.", null, null, 1.0),
            new Pause(SsmlParser.SENTENCE_PAUSE, false),
            new Speech("Second.", null, null, 1.0),
            new Pause(SsmlParser.PARAGRAPH_PAUSE, false),
            new Speech("Next para.", null, null, 1.0)),
        doc.segments());
  }

  @Test
  void voiceLangAndProsodySpansNestAndSplitTheText() {
    SsmlDocument doc =
        SsmlParser.parse(
            "<speak xml:lang=\"en-US\">Hi <voice name=\"M2\">there <lang xml:lang=\"de-DE\">Hallo"
                + " <prosody rate=\"slow\">langsam <prosody rate=\"50%\">sehr</prosody></prosody>"
                + "</lang></voice> end</speak>");
    assertEquals(
        List.of(
            new Speech("Hi", null, "en", 1.0),
            new Speech("there", "M2", "en", 1.0),
            new Speech("Hallo", "M2", "de", 1.0),
            new Speech("langsam", "M2", "de", 0.8),
            new Speech("sehr", "M2", "de", 0.4),
            new Speech("end", null, "en", 1.0)),
        doc.segments());
  }

  @Test
  void rates() {
    assertEquals(0.8, SsmlParser.rate("slow"));
    assertEquals(1.25, SsmlParser.rate("fast"));
    assertEquals(0.8, SsmlParser.rate("80%"), 1e-9);
    assertEquals(1.2, SsmlParser.rate("1.2"));
    assertEquals(
        "invalid_ssml",
        assertThrows(InvalidRequestException.class, () -> SsmlParser.rate("quick")).code());
  }

  @Test
  void subAndSayAsRewriteTheText() {
    String text =
        only(
            SsmlParser.parse(
                "<speak><sub alias=\"World Wide Web Consortium\">W3C</sub> has"
                    + " <say-as interpret-as=\"cardinal\">1,234</say-as> members since"
                    + " <say-as interpret-as=\"date\" format=\"mdy\">10/1/1994</say-as>,"
                    + " call <say-as interpret-as=\"telephone\">555-0123</say-as>, code"
                    + " <say-as interpret-as=\"characters\">AB1</say-as>, item"
                    + " <say-as interpret-as=\"number\">42</say-as>, on"
                    + " <say-as interpret-as=\"date\">2024-03-05</say-as>.</speak>"));
    assertEquals(
        "World Wide Web Consortium has one thousand two hundred thirty-four members since"
            + " October first, nineteen ninety-four, call five five five, zero one two three,"
            + " code A B one, item forty-two, on March fifth, twenty twenty-four.",
        text);
  }

  @Test
  void numbersStayDigitsOutsideEnglish() {
    assertEquals(
        "1234 und 2024-03-05",
        only(
            SsmlParser.parse(
                "<speak xml:lang=\"de\"><say-as interpret-as=\"cardinal\">1234</say-as> und"
                    + " <say-as interpret-as=\"date\">2024-03-05</say-as></speak>")));
  }

  @Test
  void unknownElementsKeepTheirTextAndAreNamed() {
    SsmlDocument doc =
        SsmlParser.parse(
            "<speak>I <emphasis level=\"strong\">really</emphasis> mean it"
                + "<audio src=\"x.wav\">beep</audio> <say-as interpret-as=\"ordinalx\">3</say-as>"
                + " <emphasis>twice</emphasis></speak>");
    assertEquals("I really mean itbeep 3 twice", only(doc));
    assertEquals(List.of("emphasis", "audio", "say-as:ordinalx"), doc.ignored());
  }

  @Test
  void expressionTagsPassThroughInBothSpellings() {
    assertEquals(
        "Ha [laugh] well [sigh] ok [breath] done",
        only(SsmlParser.parse("<speak>Ha <laugh> well <sigh/> ok [breath] done</speak>")));
    assertEquals(List.of(), SsmlParser.parse("<speak>a <laugh> b</speak>").ignored());
  }

  @Test
  void malformedSsmlNamesLineAndColumn() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> SsmlParser.parse("<speak>\nHello <break time=\"1s\">\nworld</speak>"));
    assertEquals("invalid_ssml", e.code());
    assertEquals("input", e.param());
    assertTrue(e.getMessage().contains("line 3, column"), e.getMessage());
  }

  @Test
  void entityDeclarationsAreRefused() {
    String xxe =
        "<speak><!DOCTYPE speak [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>&xxe;</speak>";
    String doctypeFirst =
        "<?xml version=\"1.0\"?><!DOCTYPE speak [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + "<speak>&xxe;</speak>";
    for (String input : List.of(xxe, doctypeFirst)) {
      InvalidRequestException e =
          assertThrows(InvalidRequestException.class, () -> SsmlParser.parse(input));
      assertEquals("invalid_ssml", e.code());
      assertFalse(e.getMessage().contains("root:"), e.getMessage());
    }
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                SsmlParser.parse(
                    "<speak><!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]>&a;</speak>"
                        .replace("x", "speak")));
    assertEquals("invalid_ssml", e.code());
  }

  @Test
  void badValuesAreInvalidSsml() {
    for (String input :
        List.of(
            "<speak>a<break time=\"soon\"/></speak>",
            "<speak>a<break strength=\"loud\"/></speak>",
            "<speak><prosody rate=\"-1\">a</prosody></speak>",
            "<speak>a</speak><speak>b</speak>")) {
      assertEquals(
          "invalid_ssml",
          assertThrows(InvalidRequestException.class, () -> SsmlParser.parse(input)).code(),
          input);
    }
  }

  private static String only(SsmlDocument doc) {
    assertEquals(1, doc.segments().size(), doc.segments().toString());
    return ((Speech) doc.segments().get(0)).text();
  }
}
