package io.supertonic.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.engine.ModelVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExpressionTagsTest {
  private final TextPipeline v3 =
      new TextPipeline(ModelVariant.SUPERTONIC_3, TestIndexer.supertonic3());

  private List<String> texts(TextPipeline pipeline, String input, String lang) {
    List<String> out = new ArrayList<>();
    pipeline.chunks(input, lang).forEachRemaining(c -> out.add(c.text()));
    return out;
  }

  @Test
  void supportedTagsReachTheModelInAngleBrackets() {
    assertEquals(
        List.of("<en>That was funny <laugh> really <sigh> yes.</en>"),
        texts(v3, "That was funny [laugh] really <Sigh> yes", "en"));
    assertEquals(List.of("<en><breath> Ready?</en>"), texts(v3, "［breath］ Ready?", "en"));
  }

  @Test
  void unknownBracketedTextIsHandledAsUpstream() {
    // Square brackets become spaces and the words are read; other angle text is left alone.
    assertEquals(
        List.of("<en>The crowd applause cheered.</en>"),
        texts(v3, "The crowd [applause] cheered", "en"));
    assertEquals(List.of("<en>a <b> c.</en>"), texts(v3, "a <b> c", "en"));
  }

  @Test
  void aTagAloneIsSpeakable() {
    assertEquals(List.of("<en><laugh>.</en>"), texts(v3, "[laugh]", "en"));
  }

  @Test
  void modelsWithoutTagsKeepUpstreamBehaviour() {
    TextPipeline v2 = new TextPipeline(ModelVariant.SUPERTONIC_2, TestIndexer.supertonic3());
    assertEquals(List.of("<en>Funny laugh indeed.</en>"), texts(v2, "Funny [laugh] indeed", "en"));
    assertTrue(v2.expressionTags().isEmpty());
    assertEquals(10, v3.expressionTags().size());
  }

  @Test
  void tagsAreNeverSplitAcrossChunks() {
    String[] names = ExpressionTags.SUPERTONIC3_TAGS.toArray(String[]::new);
    StringBuilder english = new StringBuilder();
    StringBuilder japanese = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      // No sentence or clause marks: every cut is a space cut (en) or a hard cut (ja).
      english.append("word").append(i).append(" [").append(names[i % names.length]).append("] ");
      japanese.append("あいうえお<").append(names[i % names.length]).append(">");
    }
    assertTagsWhole(texts(v3, english.toString(), "en"), 400);
    assertTagsWhole(texts(v3, japanese.toString(), "ja"), 400);
  }

  private static void assertTagsWhole(List<String> chunks, int expectedTags) {
    assertTrue(chunks.size() > 3, "expected several chunks, got " + chunks.size());
    Pattern whole =
        Pattern.compile("<(" + String.join("|", ExpressionTags.SUPERTONIC3_TAGS) + ")>");
    int found = 0;
    for (String chunk : chunks) {
      String inner = chunk.substring(4, chunk.length() - 5);
      Matcher m = whole.matcher(inner);
      while (m.find()) {
        found++;
      }
      String withoutTags = whole.matcher(inner).replaceAll("");
      assertTrue(
          withoutTags.indexOf('<') < 0 && withoutTags.indexOf('>') < 0,
          () -> "broken tag in chunk: " + chunk);
    }
    assertEquals(expectedTags, found);
  }
}
