package io.supertonic.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console served by the real server, synthesizing with the tiny model, in headless Chromium.
 */
@Tag("browser")
class ConsoleEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path tempDir;

  private static TestServer server;
  private static BrowserSession browser;
  private static ConsolePage page;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(BrowserSession.available(), "chromium and chromedriver are not installed");
    server = TestServer.start(tempDir);
    browser = BrowserSession.start();
    page = new ConsolePage(browser, server.baseUrl() + "/");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void freshPage() {
    page.openFresh();
  }

  @Test
  void pageLoadsFromTheServerWithoutConsoleErrors() throws Exception {
    page.awaitReady();
    List<String> langs = page.optionTexts("lang");
    assertTrue(langs.contains("English (en)"), langs.toString());
    assertTrue(
        page.optionTexts("voice").contains("alloy → F1"), page.optionTexts("voice").toString());
    assertEquals("ready", page.text("status-text"));
    browser.screenshot("e2e-console-initial");
    assertEquals(List.of(), page.severeLogMessages());
  }

  @Test
  void pcmSynthesisWithTheTinyModelPlaysAndDrawsItsWaveform() throws Exception {
    page.awaitReady();
    page.chooseFormat("pcm");
    page.setText("Hello from the tiny model. It plays tones, not words.");
    page.synthesizeAndAwaitResult();
    assertTrue(page.audioDuration() > 0.1, "duration " + page.audioDuration());
    assertTrue(page.waveformInkPixels() > 0, "waveform bars should be drawn");
    assertTrue(page.text("stat-ttfb").matches("\\d+ ms"), page.text("stat-ttfb"));
    assertTrue(page.text("live-ttfb").matches("\\d+ ms"), page.text("live-ttfb"));
    assertTrue(page.text("stat-voice").startsWith("F1"), page.text("stat-voice"));
    browser.screenshot("e2e-console-pcm");
    assertEquals(List.of(), page.severeLogMessages());
  }

  @Test
  void mp3SynthesisIsDecodedForTheWaveform() throws Exception {
    assumeTrue(AudioEncoders.detect().mp3Available(), "the server has no MP3 encoder here");
    page.awaitReady();
    page.chooseFormat("mp3");
    page.setText("An mp3 rendition of a short sentence.");
    page.synthesizeAndAwaitResult();
    assertTrue(page.audioDuration() > 0.1, "duration " + page.audioDuration());
    assertTrue(page.waveformInkPixels() > 0, "decodeAudioData peaks should be drawn");
    assertTrue(
        browser.driver.findElement(By.id("download")).getAttribute("download").endsWith(".mp3"));
    assertEquals(List.of(), page.severeLogMessages());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"opus", "flac", "aac"})
  void opusAndFlacPlayInChromiumsAudioElement(String format) throws Exception {
    page.awaitReady();
    page.chooseFormat(format);
    page.setText("A compressed rendition of a short sentence.");
    page.synthesizeAndAwaitResult();
    double duration = page.audioDuration();
    assertTrue(duration > 1.0 && duration < 10.0, format + " duration in <audio>: " + duration);
    assertTrue(page.waveformInkPixels() > 0, "decodeAudioData peaks should be drawn");
    assertTrue(
        browser.driver.findElement(By.id("download")).getAttribute("download").endsWith("." + format));
    assertEquals(List.of(), page.severeLogMessages());
  }

  @Test
  void invalidRequestShowsTheServersMessage() {
    page.awaitReady();
    page.setRange("speed", "1.0");
    // A voice the server does not know, as a stale page or a typo in a bookmarklet would send.
    browser.js(
        "const s = document.getElementById('voice'); s.add(new Option('nobody', 'nobody')); s.value = 'nobody';"
            + "s.dispatchEvent(new Event('input', {bubbles: true}));");
    browser.driver.findElement(By.id("synthesize")).click();
    WebElement error =
        browser
            .waitUpTo(WAIT)
            .until(
                d -> {
                  WebElement e = d.findElement(By.id("synth-error"));
                  return e.isDisplayed() ? e : null;
                });
    String message = page.text("synth-error");
    assertTrue(message.contains("nobody"), message);
    assertTrue(message.contains("HTTP 400"), message);
    assertTrue(error.isDisplayed());
  }

  @Test
  void observatoryListsTheConsolesRequest() throws Exception {
    page.awaitReady();
    page.chooseFormat("wav");
    String text = "Observatory end to end check.";
    page.setText(text);
    page.synthesizeAndAwaitResult();

    browser.driver.findElement(By.id("nav-observatory")).click();
    WebElement row =
        browser
            .waitUpTo(WAIT)
            .until(
                d ->
                    d.findElements(By.cssSelector("[data-testid=obs-row]")).stream()
                        .filter(r -> r.getText().contains(text))
                        .findFirst()
                        .orElse(null));
    assertEquals(
        row,
        browser.driver.findElements(By.cssSelector("[data-testid=obs-row]")).get(0),
        "newest request first");
    row.findElement(By.tagName("button")).click();
    browser.waitUpTo(WAIT).until(d -> d.findElement(By.id("obs-detail")).isDisplayed());
    assertEquals(
        "wav",
        browser.driver.findElement(By.cssSelector("#obs-detail dd[data-key=format]")).getText());
    assertTrue(Integer.parseInt(page.text("obs-requests").replace(",", "")) >= 1);
    browser.screenshot("e2e-observatory");
    assertEquals(List.of(), page.severeLogMessages());
  }
}
