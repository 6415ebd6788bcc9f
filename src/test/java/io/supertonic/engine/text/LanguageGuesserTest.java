package io.supertonic.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.supertonic.engine.ModelVariant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** lang "auto": the script decides where it names one language, the fallback otherwise. */
class LanguageGuesserTest {
  static final List<String> V3 = ModelVariant.SUPERTONIC_3.languages();
  static final List<String> V2 = ModelVariant.SUPERTONIC_2.languages();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "안녕하세요. 반갑습니다.|ko",
        "こんにちは。今日はいい天気ですね。|ja",
        "東京タワーに行きました。|ja",
        "مرحبا بكم في عالم الصوت|ar",
        "नमस्ते, आप कैसे हैं?|hi",
        "Καλημέρα σας, τι κάνετε;|el",
        "Привет, как дела?|ru",
        "Привіт, як справи? Дякую, все добре, їжак.|uk",
        "Xin chào, bạn có khỏe không? Tôi rất vui được gặp bạn.|vi",
        "Bună ziua, mă bucur să vă cunosc.|en",
        "Dobar dan, đak.|en",
        "Hello there, how are you?|en",
        "Guten Tag, wie geht es Ihnen?|en",
        "12345 !!!|en",
        "OK: 안녕하세요 everyone|ko",
        "The word 안 appears once in this long English sentence.|en",
      })
  void guessesByScript(String text, String expected) {
    assertEquals(expected, LanguageGuesser.guess(text, V3, "en"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"안녕하세요.|ko", "こんにちは。|fr", "Привет|fr"})
  void onlyLanguagesTheModelSpeaksAreChosen(String text, String expected) {
    assertEquals(expected, LanguageGuesser.guess(text, V2, "fr"));
  }
}
