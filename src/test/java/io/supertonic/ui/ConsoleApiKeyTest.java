package io.supertonic.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** On a server with API keys the console asks for a key once and keeps it for the session. */
@Tag("browser")
class ConsoleApiKeyTest {
  private static final String KEY = "sk-console-test";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path tempDir;
  private static TestServer server;
  private static BrowserSession browser;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(BrowserSession.available(), "chromium and chromedriver are not installed");
    server = TestServer.start(tempDir, new JsonObject().put("api_keys", new JsonArray().add(KEY)));
    browser = BrowserSession.start();
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

  private Alert awaitPrompt() {
    return browser.waitUpTo(WAIT).until(ExpectedConditions.alertIsPresent());
  }

  @Test
  void aWrongKeyIsAskedAgainTheRightOneIsKeptForTheSession() {
    browser.driver.get(server.baseUrl() + "/");
    Alert first = awaitPrompt();
    first.sendKeys("not-the-key");
    first.accept();
    Alert again = awaitPrompt();
    again.sendKeys(KEY);
    again.accept();
    ConsolePage page = new ConsolePage(browser, server.baseUrl() + "/");
    page.awaitReady();
    assertEquals(KEY, browser.js("return sessionStorage.getItem('supertonic.apiKey')"));
    page.setText("Hello with a key.");
    page.synthesizeAndAwaitResult();
    // A reload in the same tab keeps the key: no prompt, the pickers fill at once.
    browser.driver.navigate().refresh();
    page.awaitReady();
  }

  @Test
  void aVoiceIsUploadedWithTheSessionsKey() throws Exception {
    // Give the tab the key on an open route first, so the console starts without a prompt.
    browser.driver.get(server.baseUrl() + "/healthz");
    browser.js("sessionStorage.setItem('supertonic.apiKey', arguments[0])", KEY);
    ConsolePage page = new ConsolePage(browser, server.baseUrl() + "/");
    browser.driver.get(server.baseUrl() + "/");
    page.awaitReady();
    java.nio.file.Path style = tempDir.resolve("keyed-voice.json");
    java.nio.file.Files.copy(
        TestServer.tinyModel(tempDir).resolve("voice_styles/M3.json"),
        style,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    browser
        .driver
        .findElement(org.openqa.selenium.By.cssSelector("[data-testid=voice-upload] summary"))
        .click();
    browser
        .driver
        .findElement(org.openqa.selenium.By.id("voice-upload-file"))
        .sendKeys(style.toString());
    browser.driver.findElement(org.openqa.selenium.By.id("voice-upload-go")).click();
    try {
      browser
          .waitUpTo(Duration.ofSeconds(60))
          .until(
              d ->
                  page.text("voice-upload-status").equals("voice keyed-voice added")
                      && page.text("stat-voice").startsWith("keyed-voice"));
    } finally {
      // The other test starts from a tab without a key.
      browser.js("sessionStorage.removeItem('supertonic.apiKey')");
    }
  }
}
