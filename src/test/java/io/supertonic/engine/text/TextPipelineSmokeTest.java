package io.supertonic.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.engine.ModelVariant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextPipelineSmokeTest {
  @Test
  void englishSentenceBecomesOneWrappedChunkWithKnownIds() {
    TextPipeline pipeline = new TextPipeline(ModelVariant.SUPERTONIC_3, TestIndexer.supertonic3());
    List<TextChunk> chunks = new ArrayList<>();
    pipeline.chunks("Hello world", "en").forEachRemaining(chunks::add);
    assertEquals(1, chunks.size());
    assertEquals("<en>Hello world.</en>", chunks.get(0).text());
    assertEquals(chunks.get(0).text().length(), chunks.get(0).ids().length);
    for (long id : chunks.get(0).ids()) {
      assertTrue(id >= 0);
    }
  }

  @Test
  void debugPrint() {
    TextPipeline pipeline = new TextPipeline(ModelVariant.SUPERTONIC_3, TestIndexer.supertonic3());
    String text = "Dr. Smith arrived at 5 p.m. with the U.S. team, e.g., John — and Mary… "
        + "“Quoted” text [laugh] here @home. 😀 Another sentence, which is quite long and keeps going, "
        + "and going, and going until it is over eighty characters for sure. Third one!\n\nNew paragraph.";
    Iterator<TextChunk> it = pipeline.chunks(text, "en");
    it.forEachRemaining(c -> System.out.println(c.index() + ": " + c.text()));
    pipeline.chunks("안녕하세요. 만나서 반갑습니다! 오늘 날씨가 좋네요.", "ko")
        .forEachRemaining(c -> System.out.println(c.index() + ": " + c.text()));
    pipeline.chunks("今日は良い天気ですね。散歩に行きましょう！", "ja")
        .forEachRemaining(c -> System.out.println(c.index() + ": " + c.text()));
  }
}
