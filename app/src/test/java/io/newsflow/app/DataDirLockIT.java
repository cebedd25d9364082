package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.EnrichTopics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two demos on one data directory: the first runs in a child JVM (the real launcher), the second
 * starts while it runs and must exit at once with a clear message (the lock is taken before the
 * broker or Streams write anything); the first must go on processing (a new article ingested
 * afterwards is enriched, /health/ready answers 200) and stop cleanly on SIGTERM, with no raft
 * fault in its log (what a second broker writing into its metadata log used to cause).
 */
class DataDirLockIT {
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final Pattern BROKER =
      Pattern.compile("broker: embedded Kafka \\(KRaft\\) at (\\S+),");
  private static final Pattern HEALTH = Pattern.compile("health: (\\S+/health/ready)");

  @Test
  void shouldRefuseASecondDemoAndLeaveTheFirstRunningWhenBothUseOneDataDirectory(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("first.log");
    Process first = demoProcess(data, log);
    try {
      String firstOut = awaitLine(first, log, "Ctrl-C to stop.");
      Matcher broker = BROKER.matcher(firstOut);
      Matcher health = HEALTH.matcher(firstOut);
      assertThat(broker.find()).as(firstOut).isTrue();
      assertThat(health.find()).as(firstOut).isTrue();

      ByteArrayOutputStream err = new ByteArrayOutputStream();
      long started = System.nanoTime();
      int exit =
          Newsflow.commandLine()
              .setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8))
              .execute(
                  "demo",
                  "--once",
                  "--broker-port",
                  "0",
                  "--api-port",
                  "0",
                  "--data-dir",
                  data.toString(),
                  "--seeds",
                  PipelineIT.SEEDS.toString());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      String message = err.toString(StandardCharsets.UTF_8);

      assertThat(exit).isEqualTo(1);
      assertThat(message)
          .contains("is in use by another newsflow process (pid " + first.pid() + ")")
          .contains("Nothing was written");
      assertThat(took).isLessThan(Duration.ofSeconds(10));

      // The first demo goes on: one more article is enriched, and it reports ready.
      Path more = dir.resolve("more.jsonl");
      Files.writeString(
          more,
          "{\"id\":\"lock-it-1\",\"outlet\":\"example.org\",\"title\":\"Banjir di Jakarta\","
              + "\"body\":\"Banjir melanda sebagian wilayah Jakarta pada Senin pagi setelah hujan"
              + " deras semalam. Warga mengungsi ke tempat yang lebih tinggi.\"}\n");
      assertThat(
              Newsflow.commandLine()
                  .execute("ingest", "--bootstrap-servers", broker.group(1), more.toString()))
          .isZero();
      assertThat(enriched(broker.group(1), "lock-it-1")).isTrue();
      assertThat(status(health.group(1))).isEqualTo(200);
    } finally {
      first.destroy(); // SIGTERM: the launcher's shutdown hook stops everything
    }
    assertThat(first.waitFor(90, TimeUnit.SECONDS)).as("first demo stopped").isTrue();
    String firstLog = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(firstLog).doesNotContain("fatal fault").doesNotContain("Unexpected error in raft");
    assertThat(Files.exists(data.resolve(DataDirLock.FILE))).isTrue();
    // Released with the process: the directory can be used again at once.
    try (DataDirLock again = DataDirLock.acquire(data)) {
      assertThat(again.file()).exists();
    }
  }

  private static Process demoProcess(Path data, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx1g",
            "-cp",
            System.getProperty("java.class.path"),
            Newsflow.class.getName(),
            "demo",
            "--broker-port",
            "0",
            "--api-port",
            "0",
            "--data-dir",
            data.toString(),
            "--seeds",
            PipelineIT.SEEDS.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  private static String awaitLine(Process p, Path log, String line) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      if (out.contains(line)) {
        return out;
      }
      assertThat(p.isAlive()).as("first demo exited early:%n%s", out).isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError("no '" + line + "' within " + DEADLINE + " in " + log);
  }

  private static boolean enriched(String bootstrap, String id) {
    AtomicInteger found = new AtomicInteger();
    try (TopicTail tail = new TopicTail(bootstrap, List.of(EnrichTopics.ENRICHED.name()))) {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (found.get() == 0 && System.nanoTime() < deadline) {
        tail.catchUp(
            Duration.ofSeconds(5),
            r -> {
              if (r.key() != null && id.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                found.incrementAndGet();
              }
            });
      }
    }
    return found.get() > 0;
  }

  private static int status(String uri) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return client
        .send(
            HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
