package io.supertonic.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every language the models speak ends its sentences where the engine and the WebSocket's
 * auto_flush both cut: the same two sentences come out of a whole text and out of a token stream.
 */
class SentenceBoundariesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "en | The sun is up. | Are you coming? | Then",
        "ko | 오늘은 날씨가 좋습니다. | 산책할까요? | 그럼",
        "ja | 今日は晴れです。| 散歩しませんか？| 続き",
        "ar | الجو جميل اليوم. | هل تأتي معي؟ | ثم",
        "ar-urdu-full-stop | یہ اچھا ہے۔ | کیا آپ آئیں گے؟ | پھر",
        "bg | Времето е хубаво. | Идваш ли? | После",
        "cs | Dnes je hezky. | Půjdeš se mnou? | Pak",
        "da | Vejret er godt i dag. | Kommer du med? | Så",
        "de | Das Wetter ist schön, z. B. heute. | Kommst du mit? | Dann",
        "el | Ο καιρός είναι ωραίος. | Έρχεσαι μαζί μου; | Μετά",
        "el-greek-question-mark | Τι ώρα είναι\u037E | Είναι αργά. | Μετά",
        "es | Hace buen tiempo. | ¿Vienes conmigo? | Luego",
        "et | Ilm on ilus. | Kas tuled kaasa? | Siis",
        "fi | Sää on kaunis. | Tuletko mukaan? | Sitten",
        "fr | Il fait beau aujourd'hui. | Tu viens avec moi ? | Puis",
        "hi | आज मौसम अच्छा है। | क्या तुम चलोगे? | फिर",
        "hi-double-danda | राम राम॥ | सब ठीक है। | फिर",
        "hr | Danas je lijepo vrijeme. | Ideš li sa mnom? | Zatim",
        "hu | Ma szép idő van. | Jössz velem? | Aztán",
        "id | Cuaca hari ini cerah. | Apakah kamu ikut? | Lalu",
        "it | Oggi fa bel tempo… | Vieni con me? | Poi",
        "lt | Šiandien gražus oras. | Ar eisi kartu? | Tada",
        "lv | Šodien ir jauks laiks. | Vai nāksi līdzi? | Tad",
        "nl | Het is mooi weer vandaag. | Ga je mee?! | Dan",
        "pl | Dziś jest ładna pogoda. | Idziesz ze mną? | Potem",
        "pt | Hoje está um dia bonito. | Você vem comigo? | Depois",
        "ro | Astăzi e vreme frumoasă. | Vii cu mine? | Apoi",
        "ru | Сегодня хорошая погода. | Ты пойдёшь со мной? | Потом",
        "sk | Dnes je pekné počasie. | Pôjdeš so mnou? | Potom",
        "sl | Danes je lepo vreme. | Greš z mano? | Potem",
        "sv | Det är fint väder idag. | Följer du med? | Sedan",
        "tr | Bugün hava güzel. | Benimle gelir misin? | Sonra",
        "uk | Сьогодні гарна погода. | Підеш зі мною? | Потім",
        "vi | Hôm nay trời đẹp. | Bạn có đi cùng không? | Rồi",
        "en-semicolon-is-no-end | One clause; another one. | And the next! | Tail",
      })
  void theEngineAndTheTokenStreamCutAtTheSamePlaces(
      String language, String first, String second, String tail) {
    boolean cjk = language.equals("ja");
    String separator = cjk ? "" : " ";
    String text = first + separator + second + separator + tail;

    List<String> whole = new ArrayList<>();
    new SentenceSplitter(text).forEachRemaining(s -> whole.add(s.text()));
    assertEquals(List.of(first, second, tail), whole, language + ": engine");

    StringBuilder stream = new StringBuilder();
    List<String> streamed = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      stream.append(text.charAt(i)); // one character per delta: the worst token stream
      streamed.addAll(SentenceSplitter.takeComplete(stream));
    }
    assertEquals(List.of(first, second), streamed, language + ": auto_flush");
    assertEquals(tail, stream.toString().strip(), language + ": the unfinished rest waits");
  }
}
