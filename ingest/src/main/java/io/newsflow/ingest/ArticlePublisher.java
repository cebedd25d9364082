package io.newsflow.ingest;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.RawRecords;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes articles to {@link ArticleTopics#RAW}: idempotent, {@code acks=all}, compressed, keyed
 * by article id, timestamped with the ingest time. Sends are asynchronous; {@link #close()} flushes
 * and waits for every acknowledgement before the summary is final.
 */
public final class ArticlePublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArticlePublisher.class);

  private final Producer<String, Article> producer;
  private final long startNanos = System.nanoTime();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong invalid = new AtomicLong();
  private final ScheduledExecutorService progress;
  private volatile Duration elapsed;

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param overrides producer properties that replace the defaults (may be empty)
   * @param progressOut where a progress line goes every {@code progressEvery}, or null for none
   */
  public ArticlePublisher(
      String bootstrapServers,
      Map<String, Object> overrides,
      PrintStream progressOut,
      Duration progressEvery) {
    this(
        new KafkaProducer<>(
            config(bootstrapServers, overrides),
            ArticleTopics.RAW.keySerde().serializer(),
            ArticleTopics.RAW.valueSerde().serializer()),
        progressOut,
        progressEvery);
  }

  ArticlePublisher(
      Producer<String, Article> producer, PrintStream progressOut, Duration progressEvery) {
    this.producer = producer;
    if (progressOut == null) {
      this.progress = null;
    } else {
      this.progress =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ingest-progress");
                t.setDaemon(true);
                return t;
              });
      long every = progressEvery.toMillis();
      progress.scheduleAtFixedRate(
          () -> progressOut.println(progressLine()), every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** The producer configuration: reliable first, then fast. */
  public static Map<String, Object> config(String bootstrapServers, Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-ingest");
    props.putAll(overrides);
    return props;
  }

  /** Sends one article; the outcome is counted when Kafka answers. */
  public void publish(Article article) {
    ProducerRecord<String, Article> record = RawRecords.of(article);
    producer.send(
        record,
        (metadata, exception) -> {
          if (exception == null) {
            sent.incrementAndGet();
            bytes.addAndGet(Math.max(metadata.serializedValueSize(), 0));
          } else {
            failed.incrementAndGet();
            LOG.error(
                "article {} from {} was not sent: {}",
                article.id(),
                article.source(),
                exception.toString());
          }
        });
  }

  /** Counts one input that could not become an article (for the summary). */
  public void countInvalid() {
    invalid.incrementAndGet();
  }

  /** Flushes and returns the final figures once all sends are acknowledged or failed. */
  public IngestSummary flush() {
    producer.flush();
    elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    return summary();
  }

  /** Figures so far. */
  public IngestSummary summary() {
    Duration d = elapsed != null ? elapsed : Duration.ofNanos(System.nanoTime() - startNanos);
    return new IngestSummary(sent.get(), failed.get(), invalid.get(), bytes.get(), d);
  }

  private String progressLine() {
    IngestSummary s = summary();
    return String.format(
        Locale.ROOT,
        "ingest: %d sent, %d failed, %d invalid (%.0f/s)",
        s.sent(),
        s.failed(),
        s.invalid(),
        s.articlesPerSecond());
  }

  @Override
  public void close() {
    if (progress != null) {
      progress.shutdownNow();
    }
    producer.close(Duration.ofSeconds(30));
  }
}
