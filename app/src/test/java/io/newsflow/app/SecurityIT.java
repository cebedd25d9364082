package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.testkit.SecureBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and SASL/SCRAM: the launcher's commands against an in-process broker whose only listener for
 * clients is {@code SASL_SSL} with SCRAM-SHA-512 (certificates made at test time, the user created
 * when the broker formats its directory), configured with {@code --command-config FILE}. The
 * pipeline runs through it end to end, a wrong password fails clearly, and no password reaches
 * stdout, stderr or the log, even at INFO.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {
  private SecureBroker secure;

  @BeforeAll
  void start(@TempDir Path dir) {
    secure = new SecureBroker(dir.resolve("secure")).start();
  }

  @AfterAll
  void stop() {
    if (secure != null) {
      secure.close();
    }
  }

  /** What a run printed and logged. */
  private record Run(int exit, String out, String err, String log) {
    String all() {
      return out + "\n" + err + "\n" + log;
    }
  }

  @Test
  void shouldRunThePipelineEndToEndAndLogNoSecretWhenTheClusterNeedsTlsAndScram(@TempDir Path dir)
      throws Exception {
    Path client = secure.clientProperties("client.properties", secure.password);
    Path dump = dir.resolve("dump");

    Run demo =
        run(
            "demo",
            "--once",
            "--bootstrap-servers",
            secure.bootstrapServers(),
            "--command-config",
            client.toString(),
            "--data-dir",
            dir.resolve("data").toString(),
            "--seeds",
            PipelineIT.SEEDS.toString(),
            "--api-port",
            "0",
            "--timeout",
            "PT3M");
    Run ingest =
        run(
            "ingest",
            "-b",
            secure.bootstrapServers(),
            "--command-config",
            client.toString(),
            "--no-progress",
            PipelineIT.SEEDS.toString());
    Run dumped =
        run(
            "dump",
            "-b",
            secure.bootstrapServers(),
            "--command-config",
            client.toString(),
            "--out",
            dump.toString(),
            "news.articles.enriched");
    System.out.print(demo.out());

    assertThat(demo.exit()).as(demo.all()).isZero();
    assertThat(demo.out())
        .contains("broker: " + secure.bootstrapServers() + " over SASL_SSL (SCRAM-SHA-512)")
        .contains("enriched:       5 articles");
    assertThat(ingest.exit()).as(ingest.all()).isZero();
    assertThat(ingest.out()).contains("sent 5, failed 0");
    assertThat(dumped.exit()).as(dumped.all()).isZero();
    assertThat(Files.readAllLines(dump.resolve("news.articles.enriched.jsonl"))).hasSize(5);
    for (Run r : new Run[] {demo, ingest, dumped}) {
      // The settings were logged (so the capture works), with the secrets masked.
      assertThat(r.log()).contains("sasl.jaas.config=" + Secrets.MASK);
      assertThat(r.all()).doesNotContain(secure.password).doesNotContain(secure.storePassword);
    }
  }

  @Test
  void shouldFailClearlyWithoutPrintingItWhenThePasswordIsWrong(@TempDir Path dir)
      throws Exception {
    String wrong = "wrong-" + secure.password;
    Path client = secure.clientProperties("wrong.properties", wrong);

    long begin = System.nanoTime();
    Run ingest =
        run(
            "ingest",
            "-b",
            secure.bootstrapServers(),
            "--command-config",
            client.toString(),
            "--no-progress",
            PipelineIT.SEEDS.toString());
    Run dump =
        run(
            "dump",
            "-b",
            secure.bootstrapServers(),
            "--command-config",
            client.toString(),
            "--out",
            dir.toString());
    double seconds = (System.nanoTime() - begin) / 1e9;
    System.out.print(ingest.err() + dump.err());
    System.out.printf(
        java.util.Locale.ROOT, "wrong password: both commands failed in %.1f s%n", seconds);

    for (Run r : new Run[] {ingest, dump}) {
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err())
          .contains("error: ")
          .contains("Authentication failed")
          .contains("invalid credentials");
      assertThat(r.all()).doesNotContain(wrong).doesNotContain(secure.storePassword);
    }
  }

  /** Runs the launcher with stdout, stderr and every log line at INFO and above captured. */
  private static Run run(String... args) throws Exception {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StringWriter log = new StringWriter();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    WriterAppender appender =
        WriterAppender.newBuilder()
            .setName("capture-" + System.nanoTime())
            .setTarget(log)
            .setLayout(
                PatternLayout.newBuilder()
                    .withConfiguration(config)
                    .withPattern("%-5level %c - %msg%n%throwable")
                    .build())
            .build();
    appender.start();
    config.addAppender(appender);
    LoggerConfig root = config.getRootLogger();
    // INFO goes to the capture only, not to the build's console (log4j2-test.xml's "Console").
    root.getAppenders().keySet().forEach(root::removeAppender);
    root.addAppender(appender, Level.INFO, null);
    Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.INFO);
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      Callable<Integer> command = () -> Newsflow.commandLine().execute(args);
      exit = command.call();
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
      root.removeAppender(appender.getName());
      appender.stop();
      // Back to the levels and appenders of log4j2-test.xml.
      context.reconfigure();
    }
    return new Run(
        exit,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        log.toString());
  }
}
