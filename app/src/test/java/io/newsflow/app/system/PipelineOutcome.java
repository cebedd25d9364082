package io.newsflow.app.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newsflow.app.TopicTail;
import io.newsflow.contracts.AggregateTopics;
import io.newsflow.contracts.CountRecord;
import io.newsflow.contracts.DuplicateLink;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Json;
import io.newsflow.contracts.JsonSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run left in the output topics, read committed from the beginning: every enriched record
 * (by article id, with how often it appears), every duplicate link, the latest count per key and
 * the number of dead letters. Wall-clock fields ({@code enrichedAt}, {@code detectedAt}) are
 * cleared: they differ between any two runs. Records are kept as JSON with map entries sorted by
 * key: the order of a map's entries (e.g. an entity's {@code externalIds}) follows the writing
 * JVM's hash order, which differs between processes and means nothing. Everything else, verdicts,
 * originals, story ids and the counts' distinct stories included, must be equal between runs
 * (docs/ARCHITECTURE.md, the order rule).
 */
record PipelineOutcome(
    Map<String, String> enriched,
    Map<String, Integer> enrichedTimes,
    Map<String, String> duplicates,
    Map<String, CountRecord> counts,
    long deadLetters,
    Map<String, String> storyIds,
    Map<String, String> canonicalIds) {

  private static final JsonSerde<EnrichedArticle> ENRICHED = new JsonSerde<>(EnrichedArticle.class);
  private static final JsonSerde<DuplicateLink> DUPLICATE = new JsonSerde<>(DuplicateLink.class);
  private static final JsonSerde<CountRecord> COUNT = new JsonSerde<>(CountRecord.class);
  private static final ObjectMapper SORTED =
      Json.mapper().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  static PipelineOutcome read(String bootstrap) {
    Map<String, String> enriched = new TreeMap<>();
    Map<String, Integer> times = new TreeMap<>();
    Map<String, String> duplicates = new TreeMap<>();
    Map<String, CountRecord> counts = new TreeMap<>();
    Map<String, String> storyIds = new TreeMap<>();
    Map<String, String> canonicalIds = new TreeMap<>();
    long[] deadLetters = {0};
    try (TopicTail tail =
        new TopicTail(
            bootstrap,
            List.of(
                EnrichTopics.ENRICHED.name(),
                EnrichTopics.DUPLICATES.name(),
                EnrichTopics.DLQ.name(),
                AggregateTopics.COUNTS.name()))) {
      boolean done = false;
      while (!done) {
        done =
            tail.catchUp(
                Duration.ofSeconds(30),
                r -> {
                  String topic = r.topic();
                  if (topic.equals(EnrichTopics.ENRICHED.name())) {
                    EnrichedArticle e = ENRICHED.deserializer().deserialize(topic, r.value());
                    EnrichedArticle timeless =
                        new EnrichedArticle(
                            e.schemaVersion(),
                            e.article(),
                            e.contentHash(),
                            e.dedup(),
                            e.wire(),
                            e.themes(),
                            null,
                            e.entities(),
                            e.languageDetected(),
                            e.storyId());
                    enriched.put(e.id(), json(timeless));
                    if (e.storyId() != null) {
                      storyIds.put(e.id(), e.storyId());
                    }
                    if (e.dedup().isCopy()) {
                      canonicalIds.put(e.id(), e.dedup().canonicalId());
                    }
                    times.merge(e.id(), 1, Integer::sum);
                  } else if (topic.equals(EnrichTopics.DUPLICATES.name())) {
                    DuplicateLink d = DUPLICATE.deserializer().deserialize(topic, r.value());
                    DuplicateLink timeless =
                        new DuplicateLink(
                            d.schemaVersion(),
                            d.copyId(),
                            d.canonicalId(),
                            d.verdict(),
                            d.similarity(),
                            d.evidence(),
                            d.outlet(),
                            null);
                    duplicates.merge(d.copyId(), json(timeless), (a, b) -> a + "\n" + b);
                  } else if (topic.equals(EnrichTopics.DLQ.name())) {
                    deadLetters[0]++;
                  } else {
                    CountRecord c = COUNT.deserializer().deserialize(topic, r.value());
                    counts.put(
                        c.topicKey(),
                        new CountRecord(
                            c.schemaVersion(),
                            c.facet(),
                            c.key(),
                            c.window(),
                            c.mentions(),
                            c.stories(),
                            c.windowStart(),
                            c.distinctStories()));
                  }
                });
      }
    }
    return new PipelineOutcome(
        enriched, times, duplicates, counts, deadLetters[0], storyIds, canonicalIds);
  }

  long verdicts(String verdict) {
    return enriched.values().stream().filter(j -> j.contains("\"verdict\":\"" + verdict)).count();
  }

  private static String json(Object value) {
    try {
      return SORTED.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
