package io.newsflow.app;

import java.io.PrintStream;
import java.util.Locale;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints on the console why a test or test class did not run: an aborted assumption (kcat, Chromium
 * or Docker images missing: {@code assumeTrue}, {@code Assumptions.abort}) or {@code @Disabled}.
 * Surefire and Failsafe keep the reason only in their reports and print a bare "Skipped: 1";
 * someone reading a build log should see what to install to run the test.
 *
 * <p>A JUnit Platform listener, registered through {@code
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener} (the launcher loads it for
 * every test run of this module), rather than an extension on each test: it also sees a class
 * aborted in {@code @BeforeAll}, which a Jupiter {@code TestWatcher} is never told about, and a
 * test that skips in the future needs nothing added.
 */
public final class SkipReasons implements TestExecutionListener {
  private final PrintStream console;

  /** Prints to System.err: the console, under Surefire and Failsafe alike. */
  public SkipReasons() {
    this(System.err);
  }

  SkipReasons(PrintStream console) {
    this.console = console;
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    print(test, "disabled", reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      print(
          test,
          "skipped",
          result.getThrowable().map(Throwable::getMessage).orElse("assumption not met"));
    }
  }

  private static String name(TestIdentifier test) {
    return test.getSource()
        .map(
            source ->
                source instanceof MethodSource m
                    ? simple(m.getClassName()) + "." + m.getMethodName()
                    : source instanceof ClassSource c
                        ? simple(c.getClassName())
                        : test.getDisplayName())
        .orElse(test.getDisplayName());
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  private void print(TestIdentifier test, String what, String reason) {
    console.printf(
        Locale.ROOT,
        "[SKIPPED] %s %s: %s%n",
        name(test),
        what,
        reason == null || reason.isBlank() ? "no reason given" : reason);
  }
}
