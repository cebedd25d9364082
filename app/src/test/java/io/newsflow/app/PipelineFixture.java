package io.newsflow.app;

import static org.assertj.core.api.Assertions.fail;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.AggregateTopics;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.testkit.TestBrokers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.Metric;

/**
 * A real pipeline for integration tests: an in-process KRaft broker, the pipeline topics, and the
 * enrich and aggregate Streams apps under unique application ids, plus a tail of the output topics
 * folded into a {@link PipelineSummary}.
 */
final class PipelineFixture implements AutoCloseable {
  static final Duration DEADLINE = Duration.ofSeconds(60);

  final EmbeddedKafkaBroker broker;
  final StreamsService enrich;
  final StreamsService aggregate;
  final PipelineSummary summary = new PipelineSummary();
  private final TopicTail tail;

  PipelineFixture(Path dir) {
    this(dir, new SimpleMeterRegistry());
  }

  /** A pipeline whose apps record their domain meters in {@code meters}. */
  PipelineFixture(Path dir, MeterRegistry meters) {
    broker = TestBrokers.builder(dir.resolve("broker")).build();
    broker.start();
    String bootstrap = broker.bootstrapServers();
    PipelineTopics.ensure(bootstrap, 3, Optional.empty());
    String suffix = "-" + UUID.randomUUID();
    Path state = dir.resolve("streams");
    enrich =
        Pipeline.enrich(
            bootstrap, state, Settings.empty(), Pipeline.ENRICH_APP_ID + suffix, meters);
    aggregate =
        Pipeline.aggregate(
            bootstrap, state, Settings.empty(), Pipeline.AGGREGATE_APP_ID + suffix, meters);
    enrich.start(DEADLINE);
    aggregate.start(DEADLINE);
    tail =
        new TopicTail(
            bootstrap,
            List.of(
                EnrichTopics.ENRICHED.name(),
                EnrichTopics.DLQ.name(),
                AggregateTopics.COUNTS.name()));
  }

  String bootstrap() {
    return broker.bootstrapServers();
  }

  /** Reads the output topics until {@code condition} holds, failing after {@link #DEADLINE}. */
  void awaitOutput(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      tail.catchUp(Duration.ofSeconds(5), summary::accept);
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail("timed out after %s waiting for %s", DEADLINE, what);
      }
    }
  }

  /** Sum of a Streams metric over all threads and tasks of an app, e.g. resend-dropped-total. */
  static double metric(StreamsService app, String name) {
    return app.streams().metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .map(e -> e.getValue())
        .mapToDouble(PipelineFixture::value)
        .sum();
  }

  private static double value(Metric metric) {
    Object v = metric.metricValue();
    return v instanceof Number n ? n.doubleValue() : 0;
  }

  @Override
  public void close() {
    tail.close();
    aggregate.close();
    enrich.close();
    broker.close();
  }
}
