package io.newsflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The serde levers' harness runs briefly and prints a median before and after for each step. */
class SerdeLeversTest {
  @Test
  void shouldPrintMediansBeforeAndAfterForEveryStepWhenRunBriefly() throws Exception {
    System.setProperty("newsflow.home", "..");
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      SerdeLevers.main(new String[] {"1", "20"});
    } finally {
      System.setOut(out);
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    System.out.print(text);
    assertThat(text).contains("20 articles, enriched JSON");
    assertThat(text.lines().filter(l -> l.contains("median before")).count()).isEqualTo(6);
    assertThat(text).doesNotContain("NaN");
  }
}
