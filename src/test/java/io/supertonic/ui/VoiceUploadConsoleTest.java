package io.supertonic.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.supertonic.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The console uploads a voice style, lists it in the picker and previews it with the real server.
 */
@Tag("browser")
class VoiceUploadConsoleTest {
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

  @Test
  void uploadedVoiceAppearsInThePickerAndIsPreviewed() throws Exception {
    page.openFresh();
    page.awaitReady();
    Path style = tempDir.resolve("my-voice.json");
    Files.copy(TestServer.tinyModel(tempDir).resolve("voice_styles/M4.json"), style);
    browser.driver.findElement(By.cssSelector("[data-testid=voice-upload] summary")).click();
    browser.driver.findElement(By.id("voice-upload-file")).sendKeys(style.toString());
    assertEquals(
        "my-voice", browser.driver.findElement(By.id("voice-upload-id")).getAttribute("value"));
    browser.driver.findElement(By.id("voice-upload-go")).click();
    browser
        .waitUpTo(Duration.ofSeconds(60))
        .withMessage(
            () ->
                String.format(
                    "status '%s', stat-voice '%s', audio %.2f s, error '%s', voices %s",
                    page.text("voice-upload-status"),
                    page.text("stat-voice"),
                    page.audioDuration(),
                    page.text("synth-error"),
                    page.optionTexts("voice")))
        .until(
            d ->
                page.text("voice-upload-status").equals("voice my-voice added")
                    && page.text("stat-voice").startsWith("my-voice")
                    && page.audioDuration() > 0);
    assertTrue(
        page.optionTexts("voice").contains("my-voice"), page.optionTexts("voice").toString());
    assertEquals(List.of(), page.severeLogMessages());
  }

  @Test
  void aFileThatIsNotAVoiceStyleShowsTheServersReason() throws Exception {
    page.openFresh();
    page.awaitReady();
    Path bad = tempDir.resolve("bad.json");
    Files.writeString(bad, "{\"style_ttl\": {}}");
    browser.driver.findElement(By.cssSelector("[data-testid=voice-upload] summary")).click();
    browser.driver.findElement(By.id("voice-upload-file")).sendKeys(bad.toString());
    browser.driver.findElement(By.id("voice-upload-go")).click();
    browser
        .waitUpTo(Duration.ofSeconds(30))
        .until(d -> page.text("voice-upload-status").contains("style_ttl"));
  }
}
