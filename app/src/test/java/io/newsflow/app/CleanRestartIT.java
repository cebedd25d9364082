package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop leaves clean checkpoints, so the next start restores nothing: the demo run three
 * times on one data directory, each in a child JVM through the real launcher ({@code
 * Newsflow.main}), on the same broker port as a user's runs would be. {@code demo --once} (stops by
 * itself: {@code System.exit} after the summary), then {@code demo} stopped by SIGTERM as Ctrl-C
 * does (the shutdown hook closes Streams, then the broker), then {@code demo --once} again. The
 * second and third starts restore no record from any changelog and log no ERROR, no {@code
 * TaskCorruptedException} (issue 21 reported both after {@code demo --once}).
 *
 * <p>What was restored is read from {@link StreamsService}'s restore listener, which logs at INFO
 * how many records each store took from its changelog; the children log with the launcher's own
 * {@code log4j2.xml} (what a user sees) plus that one logger at INFO. A fourth run, after the
 * Streams state directory is deleted, must restore records: the measurement sees a restore when
 * there is one.
 */
class CleanRestartIT {
  private static final Pattern RESTORED =
      Pattern.compile("(enrich|aggregate): restored (\\d+) records into store (\\S+)");
  private static final String SUMMARY_HEADER =
      "summary (read back from news.articles.enriched, news.articles.dlq, news.counts):";
  private static final Pattern LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");
  private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\S+ ERROR .*$");

  @Test
  void shouldRestoreNothingAndLogNoErrorWhenTheDemoRestartsAfterACleanStop(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    int brokerPort = freePort();

    // 1. demo --once on a fresh directory: stops by itself (System.exit after the summary).
    String first = finish(start(dir, data, brokerPort, "1-once", true), dir, "1-once", true);
    assertNoError(first, "1-once");
    // The state stays where the next run looks for it. (Kafka Streams 4.3 keeps a RocksDB store's
    // changelog offset inside the store, KIP-1035, so there is no .checkpoint file to look at.)
    assertThat(taskDirs(data)).as("Streams task directories after the first run").isNotEmpty();

    // 2. demo (long-running), as the issue did next: restores nothing, then stops on SIGTERM
    // (Ctrl-C: the shutdown hook closes Streams, then the broker).
    Process running = start(dir, data, brokerPort, "2-ctrl-c", false);
    try {
      awaitLine(running, dir.resolve("2-ctrl-c.log"), "Ctrl-C to stop.");
    } finally {
      running.destroy();
    }
    String second = finish(running, dir, "2-ctrl-c", false);
    assertThat(second)
        .as("the children log StreamsService at INFO")
        .contains("enrich: REBALANCING -> RUNNING", "aggregate: REBALANCING -> RUNNING")
        .contains("enrich: PENDING_SHUTDOWN -> NOT_RUNNING");
    assertCleanStart(second, "2-ctrl-c");

    // 3. demo --once after the Ctrl-C stop: restores nothing either.
    String third = finish(start(dir, data, brokerPort, "3-once", true), dir, "3-once", true);
    assertCleanStart(third, "3-once");
    // The README's promise: run it again and the seeds are recognised as re-sent, the counts stay.
    assertThat(summary(second)).as("summary of run 2-ctrl-c").isEqualTo(summary(first));
    assertThat(summary(third)).as("summary of run 3-once").isEqualTo(summary(first));

    // Control: without its local state the same start restores the stores from their changelogs.
    deleteTree(data.resolve("streams"));
    String control =
        finish(start(dir, data, brokerPort, "4-no-state", true), dir, "4-no-state", true);
    assertThat(restored(control)).as("records restored without local state").isPositive();
  }

  private static void assertCleanStart(String log, String run) {
    assertNoError(log, run);
    assertThat(log)
        .as("run %s", run)
        .doesNotContain("TaskCorruptedException")
        .doesNotContain("did not find checkpoint");
    assertThat(restored(log)).as("records restored from changelogs by run %s", run).isZero();
  }

  private static void assertNoError(String log, String run) {
    assertThat(ERROR_LINE.matcher(log).results().map(r -> r.group()).toList())
        .as("ERROR lines of run %s", run)
        .isEmpty();
  }

  /** Starts {@code demo} in a child JVM, its stdout and stderr (log included) to NAME.log. */
  private static Process start(Path dir, Path data, int brokerPort, String name, boolean once)
      throws IOException {
    Path logConfig = dir.resolve("log4j2-restore.xml");
    Files.writeString(
        logConfig,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Configuration status="WARN">
          <Loggers>
            <Logger name="io.newsflow.app.StreamsService" level="INFO"/>
          </Loggers>
        </Configuration>
        """);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java,
                "-Xmx1g",
                // The launcher's own configuration, merged with one logger at INFO.
                "-Dlog4j2.configurationFile=log4j2.xml," + logConfig.toUri(),
                "-cp",
                System.getProperty("java.class.path"),
                Newsflow.class.getName(),
                "demo",
                "--broker-port",
                Integer.toString(brokerPort),
                "--api-port",
                "0",
                "--data-dir",
                data.toString(),
                "--seeds",
                PipelineIT.SEEDS.toString()));
    if (once) {
      command.add("--once");
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  /** Waits for the child to end; returns its log. A --once run must exit 0. */
  private static String finish(Process p, Path dir, String name, boolean once) throws Exception {
    boolean exited = p.waitFor(4, TimeUnit.MINUTES);
    if (!exited) {
      p.destroyForcibly();
    }
    String out = Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
    System.out.printf("----- run %s -----%n%s", name, out);
    assertThat(exited).as("run %s ended within 4 min:%n%s", name, out).isTrue();
    if (once) {
      assertThat(p.exitValue()).as("run %s exit code:%n%s", name, out).isZero();
    }
    assertThat(out).contains("enriched:       5 articles");
    return out;
  }

  private static void awaitLine(Process p, Path log, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      if (out.contains(line)) {
        return;
      }
      assertThat(p.isAlive()).as("demo exited early:%n%s", out).isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError("no '" + line + "' within 4 min in " + log);
  }

  /** The summary block the demo prints (its indented lines), without interleaved log lines. */
  private static List<String> summary(String out) {
    List<String> lines = out.lines().toList();
    int header = lines.indexOf(SUMMARY_HEADER);
    assertThat(header).as("a summary in:%n%s", out).isNotNegative();
    List<String> block = new java.util.ArrayList<>();
    for (String line : lines.subList(header + 1, lines.size())) {
      if (LOG_LINE.matcher(line).lookingAt()) {
        continue;
      }
      if (!line.startsWith("  ")) {
        break;
      }
      block.add(line);
    }
    assertThat(block).as("summary lines in:%n%s", out).isNotEmpty();
    return block;
  }

  private static long restored(String log) {
    Matcher m = RESTORED.matcher(log);
    long total = 0;
    while (m.find()) {
      total += Long.parseLong(m.group(2));
    }
    return total;
  }

  /** {@code data/streams/<app id>/<app id>/<task id>}: one directory per task with local state. */
  private static List<Path> taskDirs(Path data) throws IOException {
    try (Stream<Path> walk = Files.walk(data.resolve("streams"), 3)) {
      return walk.filter(p -> p.getFileName().toString().matches("\\d+_\\d+"))
          .filter(Files::isDirectory)
          .sorted()
          .toList();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
