package io.supertonic.ui;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** What the tests do to the console page, kept apart from what they assert. */
final class ConsolePage {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration SYNTHESIS_WAIT = Duration.ofSeconds(120);

  private final BrowserSession browser;
  private final String url;

  ConsolePage(BrowserSession browser, String url) {
    this.browser = browser;
    this.url = url;
  }

  /** Loads the page with empty storage and an empty browser log. */
  void openFresh() {
    browser.driver.get(url);
    browser.js("localStorage.clear()");
    browser.driver.navigate().refresh();
    browser.severeLogs(); // reading the log drains it
  }

  /** Waits until /healthz and /v1/voices have filled the pickers. */
  void awaitReady() {
    browser
        .waitUpTo(WAIT)
        .until(
            d ->
                d.findElement(By.id("voice")).isEnabled()
                    && d.findElement(By.id("lang")).isEnabled()
                    && !d.findElements(By.cssSelector("#voice option")).isEmpty());
  }

  List<String> optionTexts(String selectId) {
    return browser.driver.findElements(By.cssSelector("#" + selectId + " option")).stream()
        .map(WebElement::getText)
        .toList();
  }

  void chooseFormat(String format) {
    browser.driver.findElement(By.cssSelector("label[for=format-" + format + "]")).click();
  }

  void setText(String text) {
    WebElement area = browser.driver.findElement(By.id("text"));
    area.clear();
    area.sendKeys(text);
  }

  /** Range inputs are awkward to drag; set the value and fire the event a user's drag would. */
  void setRange(String id, String value) {
    browser.js(
        "const el = document.getElementById(arguments[0]);"
            + "el.value = arguments[1];"
            + "el.dispatchEvent(new Event('input', {bubbles: true}));",
        id,
        value);
  }

  /**
   * Clicks Synthesize and waits for the finished result (stats shown and audio metadata loaded).
   */
  void synthesizeAndAwaitResult() {
    String before = text("output-name");
    browser.driver.findElement(By.id("synthesize")).click();
    browser
        .waitUpTo(SYNTHESIS_WAIT)
        .until(
            d -> {
              WebElement error = d.findElement(By.id("synth-error"));
              if (error.isDisplayed()) {
                throw new AssertionError("synthesis failed in the page: " + error.getText());
              }
              return !text("output-name").equals(before)
                  && "Synthesize".equals(text("synthesize-label"))
                  && audioDuration() > 0;
            });
  }

  double audioDuration() {
    Object d =
        browser.js(
            "const a = document.getElementById('player');"
                + "return Number.isFinite(a.duration) ? a.duration : -1;");
    return ((Number) d).doubleValue();
  }

  /** Opaque pixels away from the centre line, which is drawn even when there is no audio. */
  long waveformInkPixels() {
    Object n =
        browser.js(
            "const c = document.getElementById('waveform');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const mid = c.height / 2, margin = 4 * (window.devicePixelRatio || 1);"
                + "let ink = 0;"
                + "for (let y = 0; y < c.height; y++) {"
                + "  if (Math.abs(y - mid) <= margin) continue;"
                + "  for (let x = 0; x < c.width; x++) if (d[(y * c.width + x) * 4 + 3] > 0) ink++;"
                + "}"
                + "return ink;");
    return ((Number) n).longValue();
  }

  /**
   * The element's text as written, not as CSS shows it (several labels are upper-cased by style).
   */
  String text(String id) {
    return ((String) browser.js("return document.getElementById(arguments[0]).textContent;", id))
        .trim();
  }

  String theme() {
    return (String) browser.js("return document.documentElement.dataset.theme;");
  }

  List<String> severeLogMessages() {
    return browser.severeLogs().stream().map(e -> e.getMessage()).toList();
  }
}
