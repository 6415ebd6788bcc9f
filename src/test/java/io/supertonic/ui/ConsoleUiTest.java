package io.supertonic.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The console page in headless Chromium against a scripted API ({@link FakeTtsApi}). */
@Tag("browser")
class ConsoleUiTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static FakeTtsApi api;
  private static BrowserSession browser;
  private static ConsolePage page;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(BrowserSession.available(), "chromium and chromedriver are not installed");
    api = new FakeTtsApi();
    browser = BrowserSession.start();
    page = new ConsolePage(browser, api.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @BeforeEach
  void freshPage() {
    page.openFresh();
  }

  @Test
  void pageLoadsWithoutConsoleErrorsAndListsVoicesAndLanguages() throws Exception {
    page.awaitReady();
    Select voice = new Select(browser.driver.findElement(By.id("voice")));
    assertEquals("alloy", voice.getFirstSelectedOption().getAttribute("value"));
    List<String> groups =
        browser.driver.findElements(By.cssSelector("#voice optgroup")).stream()
            .map(g -> g.getAttribute("label"))
            .toList();
    assertEquals(List.of("OpenAI aliases", "Supertonic voices"), groups);
    assertTrue(
        page.optionTexts("voice").contains("nova → F4"), page.optionTexts("voice").toString());
    assertTrue(page.optionTexts("voice").contains("M5"));
    List<String> langs = page.optionTexts("lang");
    assertTrue(
        langs.containsAll(List.of("English (en)", "Korean (ko)", "Japanese (ja)")),
        langs.toString());
    assertEquals("Auto-detect from script (auto)", langs.get(langs.size() - 1));
    assertEquals(
        "English (en)",
        new Select(browser.driver.findElement(By.id("lang"))).getFirstSelectedOption().getText());
    assertEquals(6, browser.driver.findElements(By.cssSelector("#snippet-tabs [role=tab]")).size());
    assertEquals("ready", browser.driver.findElement(By.id("status-text")).getText().toLowerCase());
    browser.screenshot("console-initial");
    assertEquals(List.of(), page.severeLogMessages());
  }

  @Test
  void pcmSynthesisStreamsThenFillsPlayerWaveformAndStats() throws Exception {
    page.awaitReady();
    page.chooseFormat("pcm");
    page.setText("A short streamed tone.");
    page.synthesizeAndAwaitResult();

    double duration = page.audioDuration();
    assertEquals(
        FakeTtsApi.TONE_SECONDS,
        duration,
        0.05,
        "PCM wrapped as WAV must play for the tone's length");
    assertTrue(page.waveformInkPixels() > 500, "waveform bars should be drawn");
    assertTrue(page.text("stat-ttfb").endsWith("ms"), page.text("stat-ttfb"));
    assertTrue(page.text("live-ttfb").endsWith("ms"), page.text("live-ttfb"));
    assertEquals("51.7 KB", page.text("live-bytes"), "bytes counter shows everything received");
    WebElement download = browser.driver.findElement(By.id("download"));
    assertTrue(download.getAttribute("href").startsWith("blob:"));
    assertTrue(
        download.getAttribute("download").endsWith(".pcm"), download.getAttribute("download"));
    assertTrue(page.text("stat-voice").contains("F1"), "X-Voice header is shown");

    JsonObject sent = last(api.speechRequests());
    assertEquals("A short streamed tone.", sent.getString("input"));
    assertEquals("alloy", sent.getString("voice"));
    assertEquals("en", sent.getString("lang"));
    assertEquals("pcm", sent.getString("response_format"));
    assertEquals(8, sent.getInteger("total_steps"));
    assertEquals(1.05, sent.getDouble("speed"), 1e-9);
    browser.screenshot("console-after-pcm");
    assertEquals(List.of(), page.severeLogMessages());
  }

  @Test
  void wavWithStreamingPlaceholderSizesGetsItsRealDuration() throws Exception {
    page.awaitReady();
    page.chooseFormat("wav");
    page.setText("Tone in a wav container.");
    page.synthesizeAndAwaitResult();
    assertEquals(FakeTtsApi.TONE_SECONDS, page.audioDuration(), 0.05);
    assertTrue(page.waveformInkPixels() > 500);
    assertTrue(
        browser.driver.findElement(By.id("download")).getAttribute("download").endsWith(".wav"));
  }

  @Test
  void serverErrorMessageAndFieldAreShown() {
    page.awaitReady();
    page.chooseFormat("wav");
    page.setText("This one will " + FakeTtsApi.FAIL_MARKER + ".");
    browser.driver.findElement(By.id("synthesize")).click();
    WebElement error =
        browser
            .waitUpTo(WAIT)
            .until(
                d -> {
                  WebElement e = d.findElement(By.id("synth-error"));
                  return e.isDisplayed() ? e : null;
                });
    String message = error.getText();
    assertTrue(message.contains("Input rejected by the test server"), message);
    assertTrue(message.contains("field: input"), message);
    assertTrue(message.contains("400"), message);
    assertEquals(
        "Synthesize", page.text("synthesize-label"), "the button returns to its idle state");
  }

  @Test
  void snippetsFollowTheChosenParameters() {
    page.awaitReady();
    new Select(browser.driver.findElement(By.id("voice"))).selectByValue("nova");
    page.setRange("speed", "1.5");
    page.setRange("steps", "12");
    page.chooseFormat("wav");
    page.setText("Snippet text with a 'quote'.");

    browser.driver.findElement(By.id("snippet-tab-python-httpx")).click();
    String httpx = page.text("snippet-code");
    assertTrue(httpx.contains("\"voice\": \"nova\""), httpx);
    assertTrue(httpx.contains("\"speed\": 1.5"), httpx);
    assertTrue(httpx.contains("\"total_steps\": 12"), httpx);
    assertTrue(httpx.contains(api.baseUrl() + "v1/audio/speech"), httpx);

    browser.driver.findElement(By.id("snippet-tab-curl")).click();
    String curl = page.text("snippet-code");
    assertTrue(curl.contains("'\\''quote'\\''"), "single quotes are shell-escaped: " + curl);
    assertTrue(curl.contains("-o speech.wav"), curl);
    assertEquals(
        "true",
        browser.driver.findElement(By.id("snippet-tab-curl")).getAttribute("aria-selected"));
    assertEquals("1.50×", page.text("speed-value"));
    assertEquals("→ F4", page.text("voice-resolved"));
  }

  @Test
  void observatoryListsTheRequestAndShowsItsDetails() throws Exception {
    page.awaitReady();
    page.chooseFormat("pcm");
    page.setText("Observed request text.");
    page.synthesizeAndAwaitResult();

    browser.driver.findElement(By.id("nav-observatory")).click();
    WebElement row =
        browser
            .waitUpTo(WAIT)
            .until(
                d ->
                    d.findElements(By.cssSelector("[data-testid=obs-row]")).stream()
                        .filter(r -> r.getText().contains("Observed request text."))
                        .findFirst()
                        .orElse(null));
    WebElement newest = browser.driver.findElements(By.cssSelector("[data-testid=obs-row]")).get(0);
    assertEquals(row, newest, "the latest request is listed first");
    String requests = page.text("obs-requests");
    assertTrue(Integer.parseInt(requests.replace(",", "")) >= 1, requests);
    assertTrue(page.text("ttfb-p50").matches("\\d+"), page.text("ttfb-p50"));

    row.findElement(By.tagName("button")).click();
    WebElement detail = browser.driver.findElement(By.id("obs-detail"));
    browser.waitUpTo(WAIT).until(d -> detail.isDisplayed());
    assertEquals("F1", detail.findElement(By.cssSelector("dd[data-key=voice]")).getText());
    assertEquals("pcm", detail.findElement(By.cssSelector("dd[data-key=format]")).getText());
    assertEquals("Observed request text.", page.text("detail-snippet"));
    browser.screenshot("observatory");

    WebElement pause = browser.driver.findElement(By.id("obs-pause"));
    pause.click();
    assertEquals("true", pause.getAttribute("aria-pressed"));
    assertEquals("paused", page.text("obs-updated"));
    assertEquals(List.of(), page.severeLogMessages());
  }

  @Test
  void themeAndViewSurviveAReload() throws Exception {
    page.awaitReady();
    assertEquals("dark", page.theme(), "dark is the default");
    browser.driver.findElement(By.id("theme-toggle")).click();
    assertEquals("light", page.theme());
    browser.driver.findElement(By.id("nav-observatory")).click();

    browser.driver.navigate().refresh();
    page.awaitReady();
    assertEquals("light", page.theme());
    assertTrue(browser.driver.findElement(By.id("view-observatory")).isDisplayed());
    assertTrue(!browser.driver.findElement(By.id("view-console")).isDisplayed());
    assertEquals(
        "true", browser.driver.findElement(By.id("nav-observatory")).getAttribute("aria-selected"));
    browser.screenshot("observatory-light");

    browser.driver.findElement(By.id("theme-toggle")).click();
    browser.driver.findElement(By.id("nav-console")).click();
    browser.driver.navigate().refresh();
    page.awaitReady();
    assertEquals("dark", page.theme());
    assertTrue(browser.driver.findElement(By.id("view-console")).isDisplayed());
  }

  private static <T> T last(List<T> list) {
    assertTrue(!list.isEmpty(), "expected at least one request");
    return list.get(list.size() - 1);
  }
}
