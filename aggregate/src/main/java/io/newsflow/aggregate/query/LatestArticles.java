package io.newsflow.aggregate.query;

import io.newsflow.aggregate.Facet;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import io.newsflow.contracts.WireCredit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The newest enriched articles, read off the tail of {@code news.articles.enriched} when asked: no
 * store, no changelog, nothing written per article. One consumer with assigned partitions (no
 * group, no offsets committed, {@code read_committed}) seeks each partition to its end minus a few
 * records and reads up to the end, within a deadline; the articles are summarised, newest
 * (enrichment time) first. Each instance reads the whole topic, so any instance answers alone.
 *
 * <p>Cost: per query about {@code 2n + 2} records of each partition are fetched and parsed (about 6
 * KB each); an answer is reused for {@value #REUSE_MS} ms, so pages polling every 1.5 s cost one
 * read a second at most, whatever their number.
 */
public final class LatestArticles implements AutoCloseable {
  /** The most articles one query returns. */
  public static final int MAX_N = 100;

  static final long REUSE_MS = 1000;
  private static final Duration READ_DEADLINE = Duration.ofSeconds(3);
  private static final int TOP_ENTITIES = 5;

  /**
   * One article as the live page lists it.
   *
   * @param verdict {@code original}, {@code exact} or {@code near}
   * @param originalId the original of a copy (null for an original)
   * @param agencies the wire agencies the article credits
   * @param entities its most mentioned people, organisations ({@code actor}) and places ({@code
   *     location}), by canonical name, of those the counts take (confidence at least {@link
   *     Facet#MIN_ENTITY_CONFIDENCE})
   */
  public record Summary(
      String id,
      String title,
      String url,
      String outlet,
      String language,
      Instant publishedAt,
      Instant ingestedAt,
      Instant enrichedAt,
      String verdict,
      String originalId,
      Double similarity,
      String storyId,
      List<String> agencies,
      List<String> themes,
      List<Map<String, String>> entities) {
    static Summary of(EnrichedArticle a) {
      boolean copy = a.dedup().isCopy();
      List<Map<String, String>> entities = new ArrayList<>();
      // The entities the counts take (Facet.MIN_ENTITY_CONFIDENCE): a chip links to its view.
      a.entities().stream()
          .filter(e -> e.confidence() >= Facet.MIN_ENTITY_CONFIDENCE)
          .sorted(Comparator.comparingInt(Entity::mentionTotal).reversed())
          .limit(TOP_ENTITIES)
          .forEach(
              e ->
                  entities.add(
                      Map.of(
                          "name",
                          e.name(),
                          "facet",
                          e.type() == EntityType.LOCATION ? "location" : "actor")));
      return new Summary(
          a.id(),
          a.article().title(),
          a.article().url(),
          a.article().outlet(),
          a.article().language(),
          a.article().publishedAt(),
          a.article().ingestedAt(),
          a.enrichedAt(),
          a.dedup().verdict().json(),
          copy ? a.dedup().canonicalId() : null,
          copy ? a.dedup().similarity() : null,
          a.storyId(),
          a.wire().stream().map(WireCredit::agency).distinct().toList(),
          a.themes(),
          entities);
    }
  }

  /** An answer: the articles, and whether every partition was read to its end in time. */
  public record Answer(List<Summary> items, boolean complete) {}

  private final Map<String, Object> config;
  private final String topic;
  private final Deserializer<EnrichedArticle> values =
      EnrichTopics.ENRICHED.valueSerde().deserializer();
  private KafkaConsumer<byte[], byte[]> consumer;
  private Answer last;
  private int lastN;
  private long lastAt;

  /**
   * @param consumerConfig Kafka consumer settings (bootstrap servers, security); group, offsets and
   *     isolation are set here
   */
  public LatestArticles(Map<String, Object> consumerConfig) {
    this(consumerConfig, EnrichTopics.ENRICHED.name());
  }

  LatestArticles(Map<String, Object> consumerConfig, String topic) {
    Map<String, Object> c = new HashMap<>(consumerConfig);
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-aggregate-latest");
    this.config = c;
    this.topic = topic;
  }

  /** The {@code n} newest articles (1 to {@value #MAX_N}). */
  public synchronized Answer latest(int n) {
    long now = System.currentTimeMillis();
    if (last != null && lastN >= n && now - lastAt < REUSE_MS) {
      return new Answer(last.items().subList(0, Math.min(n, last.items().size())), last.complete());
    }
    // Reused by the read's start: an answer never misses what was committed over a second ago.
    Answer answer = read(n);
    last = answer;
    lastN = n;
    lastAt = now;
    return answer;
  }

  private Answer read(int n) {
    if (consumer == null) {
      consumer =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(topic, READ_DEADLINE)) {
      partitions.add(new TopicPartition(topic, p.partition()));
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_DEADLINE);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_DEADLINE);
    // Transaction markers take offsets too: twice as many back, and a few, find n articles
    // unless nearly every transaction holds one article per partition.
    long back = 2L * n + 2;
    List<TopicPartition> open = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      long from = Math.max(begin.get(tp), end.get(tp) - back);
      consumer.seek(tp, from);
      if (from < end.get(tp)) {
        open.add(tp);
      }
    }
    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
          read.add(r);
        }
      }
      open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
    }
    List<Read> articles = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : read) {
      try {
        EnrichedArticle a = values.deserialize(r.topic(), r.value());
        if (a != null) {
          articles.add(new Read(a, r.timestamp(), r.partition(), r.offset()));
        }
      } catch (RuntimeException e) {
        // Not an enriched article this version reads: the counting side dead-letters it.
      }
    }
    articles.sort(
        Comparator.comparing(
                (Read r) -> r.article.enrichedAt(),
                Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Read::offset)
            .reversed());
    return new Answer(
        articles.stream().limit(n).map(r -> Summary.of(r.article)).toList(), open.isEmpty());
  }

  private record Read(EnrichedArticle article, long timestamp, int partition, long offset) {}

  @Override
  public synchronized void close() {
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }
}
