package io.newsflow.app;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.ingest.ArticlePublisher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Enriched articles with known facets, produced straight onto news.articles.enriched. */
final class AggregateTestData {
  static final List<String> OUTLETS =
      List.of("kompas.tv", "detik.com", "tempo.co", "kontan.co.id", "tribunnews.com", "bbc.com");
  static final List<String> THEMES = List.of("military", "diplomacy", "economy");

  private AggregateTestData() {}

  /** Article {@code i}: outlet {@code i % 6}, theme {@code i % 3}, every fifth a copy. */
  static EnrichedArticle article(String prefix, int i, Instant at) {
    String id = prefix + i;
    Article a =
        new Article(
            1,
            id,
            null,
            OUTLETS.get(i % OUTLETS.size()),
            "Judul " + id,
            "Isi " + id,
            "id",
            at,
            at,
            null,
            null,
            null);
    Dedup dedup = i % 5 == 4 ? Dedup.exactCopyOf(prefix + (i - 1)) : Dedup.original(id);
    return new EnrichedArticle(
        1, a, "h" + id, dedup, List.of(), List.of(THEMES.get(i % THEMES.size())), at);
  }

  /** Expected all-time outlet mentions for articles {@code 0..n-1}. */
  static Map<String, Long> expectedOutletMentions(int n) {
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      expected.merge(OUTLETS.get(i % OUTLETS.size()), 1L, Long::sum);
    }
    return expected;
  }

  static void produce(String bootstrap, String prefix, int from, int to, Instant at) {
    produce(bootstrap, prefix, from, to, at, false);
  }

  /**
   * As {@link #produce(String, String, int, int, Instant)}; {@code inStories}: articles {@code 2k}
   * and {@code 2k + 1} share a story ({@code <prefix>-story-k}), whose two outlets differ, so an
   * outlet's distinct stories equal its mentions.
   */
  static void produce(
      String bootstrap, String prefix, int from, int to, Instant at, boolean inStories) {
    try (KafkaProducer<String, EnrichedArticle> producer =
        new KafkaProducer<>(
            ArticlePublisher.config(bootstrap, Map.of()),
            EnrichTopics.ENRICHED.keySerde().serializer(),
            EnrichTopics.ENRICHED.valueSerde().serializer())) {
      for (int i = from; i < to; i++) {
        EnrichedArticle a = article(prefix, i, at);
        if (inStories) {
          a = a.withStoryId(prefix + "-story-" + i / 2);
        }
        producer.send(new ProducerRecord<>(EnrichTopics.ENRICHED.name(), a.id(), a));
      }
    }
  }
}
