package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.aggregate.Facet;
import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.AggregateTopics;
import io.newsflow.contracts.CountRecord;
import io.newsflow.testkit.TestBrokers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once counts across a crash: the aggregate app runs in its own JVM, is killed with SIGKILL
 * while articles stream in, and restarted; the final counts equal the articles sent, not one more
 * or less.
 */
class AggregateCrashIT {
  private static final int ARTICLES = 3000;
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @Test
  void shouldCountEveryArticleExactlyOnceWhenTheAppIsKilledMidStream(@TempDir Path dir)
      throws Exception {
    try (EmbeddedKafkaBroker broker = TestBrokers.builder(dir.resolve("broker")).build()) {
      broker.start();
      String bootstrap = broker.bootstrapServers();
      PipelineTopics.ensure(bootstrap, 3, Optional.empty());
      Instant at = Instant.parse("2024-10-21T08:00:00Z");
      // The first half streams in paced batches, so the kill lands while batches are still
      // arriving and a transaction is open; the second half waits for the kill. Unpaced, one
      // commit interval (1 s) can cover all 3,000 articles and the kill would land after the end.
      CountDownLatch killed = new CountDownLatch(1);
      Thread producer =
          new Thread(
              () -> {
                try {
                  for (int from = 0; from < ARTICLES; from += 100) {
                    if (from == ARTICLES / 2) {
                      killed.await();
                    } else if (from < ARTICLES / 2) {
                      Thread.sleep(100);
                    }
                    AggregateTestData.produce(bootstrap, "c", from, from + 100, at, true);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "crash-it-producer");
      producer.setDaemon(true);

      PipelineSummary summary = new PipelineSummary();
      try (TopicTail tail = new TopicTail(bootstrap, List.of(AggregateTopics.COUNTS.name()))) {
        Process app = start(bootstrap, dir, "first");
        producer.start();
        awaitOutlets(tail, summary, m -> m >= ARTICLES / 5, "a fifth counted before the kill");
        app.destroyForcibly();
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
        long atKill = outletMentions(summary);
        killed.countDown();

        Process restarted = start(bootstrap, dir, "second");
        try {
          producer.join(DEADLINE.toMillis());
          awaitOutlets(tail, summary, m -> m == ARTICLES, "all articles counted after restart");
          // Distinct stories cross one more hop (by-story, batched per commit) before counting.
          awaitStories(tail, summary, "every story counted once per outlet after restart");
        } finally {
          restarted.destroy();
          restarted.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(atKill).as("counted when killed").isLessThanOrEqualTo(ARTICLES / 2);
        Map<String, Long> counted = new TreeMap<>();
        summary.counts(Facet.OUTLET).forEach((k, c) -> counted.put(k, c.mentions()));
        assertThat(counted).isEqualTo(AggregateTestData.expectedOutletMentions(ARTICLES));
        Map<String, Long> stories = new TreeMap<>();
        summary.counts(Facet.OUTLET).forEach((k, c) -> stories.put(k, c.distinctStories()));
        // Each story has two articles of two outlets: an outlet's distinct stories are its
        // mentions.
        assertThat(stories).isEqualTo(AggregateTestData.expectedOutletMentions(ARTICLES));
      }
    }
  }

  private static Process start(String bootstrap, Path dir, String name) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Newsflow.class.getName(),
            "aggregate",
            "--bootstrap-servers",
            bootstrap,
            "--state-dir",
            dir.resolve("state").toString(),
            "--application-id",
            "crash-it-aggregate",
            "--http-port",
            "0")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  private static long outletMentions(PipelineSummary summary) {
    return summary.counts(Facet.OUTLET).values().stream().mapToLong(CountRecord::mentions).sum();
  }

  private static long outletStories(PipelineSummary summary) {
    return summary.counts(Facet.OUTLET).values().stream()
        .mapToLong(CountRecord::distinctStories)
        .sum();
  }

  private static void awaitStories(TopicTail tail, PipelineSummary summary, String what) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (outletStories(summary) != ARTICLES) {
      assertThat(outletStories(summary))
          .as("overcounted while waiting for: " + what)
          .isLessThanOrEqualTo(ARTICLES);
      assertThat(System.nanoTime())
          .as("%s: %d outlet distinct stories counted in time", what, outletStories(summary))
          .isLessThan(deadline);
      tail.catchUp(Duration.ofSeconds(5), summary::accept);
    }
  }

  private static void awaitOutlets(
      TopicTail tail, PipelineSummary summary, java.util.function.LongPredicate done, String what) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!done.test(outletMentions(summary))) {
      assertThat(outletMentions(summary))
          .as("overcounted while waiting for: " + what)
          .isLessThanOrEqualTo(ARTICLES);
      assertThat(System.nanoTime())
          .as("%s: %d outlet mentions counted in time", what, outletMentions(summary))
          .isLessThan(deadline);
      tail.catchUp(Duration.ofSeconds(5), summary::accept);
    }
  }
}
