package io.newsflow.app.system;

import io.newsflow.app.TopicTail;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.JsonSerde;
import io.newsflow.ingest.ArticlePublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Streams a {@link StreamPlan} into {@code news.articles.raw} level by level: a level goes out once
 * every article of the previous one is on {@code news.articles.enriched} (read committed). Counts
 * what it reads in a {@link Progress}; a dead letter ends the run at once, with its reason.
 */
final class Feeder {
  private final String bootstrap;
  private final Duration levelTimeout;

  Feeder(String bootstrap, Duration levelTimeout) {
    this.bootstrap = bootstrap;
    this.levelTimeout = levelTimeout;
  }

  void feed(StreamPlan plan, Progress progress) {
    JsonSerde<Article> json = new JsonSerde<>(Article.class);
    AtomicReference<Exception> sendFailure = new AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                ArticlePublisher.config(bootstrap, Map.of()),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        TopicTail tail =
            new TopicTail(
                bootstrap, List.of(EnrichTopics.ENRICHED.name(), EnrichTopics.DLQ.name()))) {
      int index = 0;
      for (List<Article> level : plan.levels()) {
        for (Article a : level) {
          producer.send(
              new ProducerRecord<>(
                  ArticleTopics.RAW.name(),
                  null,
                  a.ingestedAt().toEpochMilli(),
                  a.id(),
                  json.toBytes(a)),
              (metadata, e) -> {
                if (e != null) {
                  sendFailure.compareAndSet(null, e);
                }
              });
        }
        producer.flush();
        if (sendFailure.get() != null) {
          throw new IllegalStateException("producing level " + index, sendFailure.get());
        }
        awaitEnriched(tail, level, index++, progress);
      }
    } catch (RuntimeException | Error e) {
      progress.fail(e.toString());
      throw e;
    }
  }

  private void awaitEnriched(TopicTail tail, List<Article> level, int index, Progress progress) {
    Set<String> waiting = new HashSet<>(level.stream().map(Article::id).toList());
    long deadline = System.nanoTime() + levelTimeout.toNanos();
    while (!waiting.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "level "
                + index
                + ": "
                + waiting.size()
                + " of "
                + level.size()
                + " articles not enriched after "
                + levelTimeout
                + ", e.g. "
                + waiting.iterator().next());
      }
      tail.catchUp(
          Duration.ofSeconds(5),
          record -> {
            if (record.topic().equals(EnrichTopics.DLQ.name())) {
              throw new IllegalStateException("dead letter during the run: " + describe(record));
            }
            waiting.remove(new String(record.key(), StandardCharsets.UTF_8));
            progress.enriched(1);
          });
    }
  }

  private static String describe(ConsumerRecord<byte[], byte[]> record) {
    StringBuilder sb = new StringBuilder(record.topic() + "-" + record.partition());
    sb.append('@').append(record.offset());
    for (Header h : record.headers()) {
      if (h.key().startsWith("newsflow.dlq.")) {
        sb.append(' ').append(h.key()).append('=');
        sb.append(new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    return sb.toString();
  }
}
