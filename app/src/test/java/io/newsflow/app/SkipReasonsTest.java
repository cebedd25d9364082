package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The skip reasons reach the console: a class aborted in @BeforeAll, a test, a disabled test. */
class SkipReasonsTest {
  /** Aborts before any test, as KcatIT does without kcat. */
  static class SkipsTheClass {
    @BeforeAll
    static void needs() {
      assumeTrue(false, "kcat is not installed (apt-get install kcat)");
    }

    @Test
    void never() {}
  }

  /** Aborts one test, as LivePageIT does without Chromium; another is disabled. */
  static class SkipsATest {
    @Test
    void needsChromium() {
      assumeTrue(false, "no Chromium at /usr/bin/chromium");
    }

    @Test
    @Disabled("flaky on 2 cores")
    void disabled() {}

    @Test
    void runs() {}
  }

  @Test
  void shouldPrintEachReasonWhenTestsAreSkipped() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    // A launcher of its own, without the listener the service file installs for the build.
    LauncherFactory.create(
            LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(SkipsTheClass.class), selectClass(SkipsATest.class))
                .build(),
            new SkipReasons(console));

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactlyInAnyOrder(
            "[SKIPPED] SkipReasonsTest$SkipsTheClass skipped:"
                + " Assumption failed: kcat is not installed (apt-get install kcat)",
            "[SKIPPED] SkipReasonsTest$SkipsATest.needsChromium skipped:"
                + " Assumption failed: no Chromium at /usr/bin/chromium",
            "[SKIPPED] SkipReasonsTest$SkipsATest.disabled disabled: flaky on 2 cores");
  }
}
