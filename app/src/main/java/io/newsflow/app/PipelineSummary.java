package io.newsflow.app;

import io.newsflow.aggregate.Facet;
import io.newsflow.contracts.AggregateTopics;
import io.newsflow.contracts.CountRecord;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the pipeline's output topics hold, folded from their records: enriched articles, copies,
 * dead letters and the latest count per key.
 */
public final class PipelineSummary {
  private final Set<String> enrichedIds = new HashSet<>();
  private long enrichedRecords;
  private long exactCopies;
  private long nearCopies;
  private long deadLetters;
  private final Map<String, CountRecord> counts = new TreeMap<>();

  /** Folds one record of {@code news.articles.enriched}, {@code .dlq} or {@code news.counts}. */
  public void accept(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    if (topic.equals(EnrichTopics.ENRICHED.name())) {
      EnrichedArticle enriched =
          EnrichTopics.ENRICHED.valueSerde().deserializer().deserialize(topic, record.value());
      enrichedRecords++;
      enrichedIds.add(enriched.id());
      switch (enriched.dedup().verdict()) {
        case EXACT -> exactCopies++;
        case NEAR -> nearCopies++;
        case ORIGINAL -> {}
      }
    } else if (topic.equals(EnrichTopics.DLQ.name())) {
      deadLetters++;
    } else if (topic.equals(AggregateTopics.COUNTS.name())) {
      CountRecord count =
          AggregateTopics.COUNTS.valueSerde().deserializer().deserialize(topic, record.value());
      counts.put(count.topicKey(), count);
    }
  }

  public long enrichedRecords() {
    return enrichedRecords;
  }

  public boolean enriched(String articleId) {
    return enrichedIds.contains(articleId);
  }

  public long exactCopies() {
    return exactCopies;
  }

  public long nearCopies() {
    return nearCopies;
  }

  public long deadLetters() {
    return deadLetters;
  }

  /** Latest all-time counts of one facet, by value. */
  public Map<String, CountRecord> counts(Facet facet) {
    Map<String, CountRecord> byValue = new TreeMap<>();
    counts.values().stream()
        .filter(c -> c.facet().equals(facet.id()) && c.window().equals(CountRecord.ALL_TIME))
        .forEach(c -> byValue.put(c.key(), c));
    return byValue;
  }

  /**
   * True when every enriched article is counted: each adds exactly one outlet mention, so the
   * outlet mentions add up to the enriched records.
   */
  public boolean countsCaughtUp() {
    long mentions = counts(Facet.OUTLET).values().stream().mapToLong(CountRecord::mentions).sum();
    return mentions == enrichedRecords;
  }

  /** The human-readable summary block. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "  enriched:       %d articles (%d originals, %d exact copies, %d near copies)%n",
            enrichedRecords,
            enrichedRecords - exactCopies - nearCopies,
            exactCopies,
            nearCopies));
    sb.append(String.format(Locale.ROOT, "  dead-lettered:  %d%n", deadLetters));
    sb.append("  counts per outlet (mentions / stories):\n");
    counts(Facet.OUTLET).forEach((outlet, c) -> countLine(sb, outlet, c));
    for (Facet facet : List.of(Facet.ACTOR, Facet.LOCATION, Facet.THEME)) {
      List<CountRecord> top =
          counts(facet).values().stream()
              .sorted(
                  Comparator.comparingLong(CountRecord::mentions)
                      .reversed()
                      .thenComparing(CountRecord::key))
              .limit(5)
              .toList();
      if (!top.isEmpty()) {
        sb.append("  top ").append(facet.id()).append("s (mentions / stories):\n");
        top.forEach(c -> countLine(sb, c.key(), c));
      }
    }
    Map<String, CountRecord> agencies = counts(Facet.AGENCY);
    if (!agencies.isEmpty()) {
      sb.append("  wire agencies credited (mentions / stories):\n");
      agencies.forEach((agency, c) -> countLine(sb, agency, c));
    }
    return sb.toString();
  }

  private static void countLine(StringBuilder sb, String key, CountRecord c) {
    sb.append(String.format(Locale.ROOT, "    %-24s %5d / %d%n", key, c.mentions(), c.stories()));
  }
}
