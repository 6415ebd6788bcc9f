package io.supertonic.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test parser must reject what a scraper would reject, or the route test proves nothing. */
class PrometheusTextTest {

  @Test
  void parsesFamiliesLabelsAndSpecialValues() {
    Map<String, PrometheusText.Family> f =
        PrometheusText.parse(
            """
        # HELP a_total Things
        # TYPE a_total counter
        a_total{status="ok",path="x\\"y\\\\z"} 3.0
        # TYPE s summary
        s{quantile="0.5"} NaN
        s_count 2
        s_sum 1.5E2 1700000000000
        """);
    assertEquals("counter", f.get("a_total").type);
    assertEquals(3.0, f.get("a_total").value("a_total", Map.of("path", "x\"y\\z")));
    assertEquals(150.0, f.get("s").value("s_sum", Map.of()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a 1", // sample without TYPE
        "# TYPE a gauge\na 1\n\na 2", // empty line, duplicate
        "# TYPE a gauge\nb 1", // sample of another family
        "# TYPE a gauge\na{x=1} 1", // unquoted label value
        "# TYPE a gauge\na{x=\"1\"", // unterminated label set
        "# TYPE a gauge\na one", // non-numeric value
        "# TYPE a gauge\n# TYPE a counter", // TYPE twice
        "# TYPE a meter", // unknown type
        "# TYPE s summary\ns 1", // summary quantile without label
        "# random comment", // neither HELP nor TYPE
        "# TYPE 1a gauge", // bad name
      })
  void rejectsMalformedText(String text) {
    assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(text + "\n"));
  }

  @Test
  void requiresTrailingNewline() {
    assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE a gauge\na 1"));
  }
}
