package io.newsflow.aggregate;

import io.newsflow.common.JsonSerde;
import io.newsflow.enrich.EnrichTopics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The aggregate topology: running all-time counts per facet.
 *
 * <pre>
 * news.articles.enriched (key article id, value EnrichedArticle JSON)
 *   -> explode-facets: one record per facet key (outlet|kompas.tv, language|id, ...)
 *   -> repartition "by-facet" -> count-facets (store facet-counts-all-time)
 *   -> news.counts (key facet|key|all, value CountRecord JSON)
 * </pre>
 *
 * <p>Store {@value #COUNTS_STORE}: persistent key-value, key {@code facet|value}, value {@link
 * FacetCount} JSON, no retention (all-time), restored from its changelog.
 */
public final class AggregateTopology {
  public static final String SOURCE = "enriched-articles";
  public static final String EXPLODE_FACETS = "explode-facets";
  public static final String BY_FACET = "by-facet";
  public static final String COUNT = "count-facets";
  public static final String COUNTS_STORE = "facet-counts-all-time";
  public static final String CHANGES = "count-changes";
  public static final String TO_COUNT_RECORD = "to-count-record";
  public static final String COUNTS_SINK = "counts-sink";

  static final JsonSerde<FacetCount> FACET_COUNT_JSON = new JsonSerde<>(FacetCount.class);

  private AggregateTopology() {}

  public static Topology build(AggregateConfig config) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            EnrichTopics.ENRICHED.name(),
            Consumed.with(EnrichTopics.ENRICHED.keySerde(), EnrichTopics.ENRICHED.valueSerde())
                .withName(SOURCE))
        .flatMap(
            (id, enriched) -> {
              FacetCount one = FacetCount.of(!enriched.dedup().isCopy());
              return Facet.keysOf(enriched).stream().map(k -> KeyValue.pair(k, one)).toList();
            },
            Named.as(EXPLODE_FACETS))
        .groupByKey(Grouped.with(BY_FACET, Serdes.String(), FACET_COUNT_JSON))
        .reduce(
            FacetCount::plus,
            Named.as(COUNT),
            Materialized.<String, FacetCount, KeyValueStore<Bytes, byte[]>>as(COUNTS_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(FACET_COUNT_JSON))
        .toStream(Named.as(CHANGES))
        .map(
            (facetKey, count) -> {
              int bar = facetKey.indexOf('|');
              CountRecord record =
                  new CountRecord(
                      CountRecord.CURRENT_SCHEMA_VERSION,
                      facetKey.substring(0, bar),
                      facetKey.substring(bar + 1),
                      CountRecord.ALL_TIME,
                      count.mentions(),
                      count.stories());
              return KeyValue.pair(record.topicKey(), record);
            },
            Named.as(TO_COUNT_RECORD))
        .to(
            AggregateTopics.COUNTS.name(),
            Produced.with(AggregateTopics.COUNTS.keySerde(), AggregateTopics.COUNTS.valueSerde())
                .withName(COUNTS_SINK));
    return builder.build();
  }
}
