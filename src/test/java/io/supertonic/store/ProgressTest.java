package io.supertonic.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void terminalBarEndsAtOneHundredPercentOnItsOwnLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TerminalProgressBar bar =
        new TerminalProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    bar.start("onnx/vocoder.onnx", 0, 2_000_000);
    bar.update(1_000_000);
    bar.update(2_000_000);
    bar.end();

    String text = bytes.toString(StandardCharsets.UTF_8);
    String last = text.substring(text.lastIndexOf('\r'));
    assertTrue(last.contains("onnx/vocoder.onnx"), last);
    assertTrue(last.contains("100%"), last);
    assertTrue(last.contains("2.0 MB / 2.0 MB"), last);
    assertTrue(last.contains("#".repeat(30)), last);
    assertTrue(text.endsWith("\n"), "the next log line must not overwrite the bar");
  }

  @Test
  void terminalBarWithUnknownTotalShowsBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TerminalProgressBar bar =
        new TerminalProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    bar.start("voice_styles/F1.json", 0, -1);
    bar.update(300_000);
    bar.end();

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("0.3 MB"), text);
    assertTrue(!text.contains("%"), text);
  }
}
