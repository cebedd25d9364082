package io.newsflow.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.aggregate.AggregateConfig;
import io.newsflow.aggregate.AggregateTopology;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichMeters;
import io.newsflow.enrich.EnrichTopology;
import io.newsflow.enrich.decide.KafkaRawLogEnds;
import io.newsflow.kit.DeadLetterMeter;
import io.newsflow.kit.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Builds and starts the pipeline's Streams applications with their standard ids and settings. */
public final class Pipeline {
  public static final String ENRICH_APP_ID = "newsflow-enrich";

  /**
   * The aggregate's {@link DeadLetterMeter}: records its handlers send to the dead-letter topic (an
   * enriched record it cannot read, say), by stage.
   */
  public static final String AGGREGATE_DEAD_LETTERS = "newsflow.aggregate.dead.letters";

  public static final String AGGREGATE_APP_ID = "newsflow-aggregate";
  public static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private Pipeline() {}

  /** The enrich app; its domain meters go nowhere (see the overload with a registry). */
  public static StreamsService enrich(
      String bootstrap, Path stateDir, Settings settings, String appId) {
    return enrich(bootstrap, stateDir, settings, appId, new SimpleMeterRegistry());
  }

  /** The enrich app, recording its domain meters in {@code meters}. */
  public static StreamsService enrich(
      String bootstrap, Path stateDir, Settings settings, String appId, MeterRegistry meters) {
    Properties props =
        StreamsSettings.of(appId, bootstrap, stateDir.resolve(appId), settings.kafka());
    DeadLetterMeter.attach(props, DeadLetterMeter.of(meters, EnrichMeters.DEAD_LETTERS));
    // The decide step looks up where the raw partitions end (KafkaRawLogEnds): its own consumer,
    // with the app's connection and security settings, no group.
    EnrichConfig config = EnrichConfig.from(settings.newsflow());
    return new StreamsService(
        "enrich",
        EnrichTopology.build(
            config,
            meters,
            new KafkaRawLogEnds(ArticleTopics.RAW.name(), props, config.orderGrace())),
        props);
  }

  /** The aggregate app; its domain meters go nowhere (see the overload with a registry). */
  public static StreamsService aggregate(
      String bootstrap, Path stateDir, Settings settings, String appId) {
    return aggregate(bootstrap, stateDir, settings, appId, new SimpleMeterRegistry());
  }

  /**
   * The aggregate app, recording its domain meters in {@code meters}. Its own Streams settings
   * ({@link AggregateConfig#STREAMS_SETTINGS}: a longer commit interval than enrich's) go under the
   * user's Kafka keys, which win.
   */
  public static StreamsService aggregate(
      String bootstrap, Path stateDir, Settings settings, String appId, MeterRegistry meters) {
    Map<String, Object> overrides = new HashMap<>(AggregateConfig.STREAMS_SETTINGS);
    overrides.putAll(settings.kafka());
    Properties props = StreamsSettings.of(appId, bootstrap, stateDir.resolve(appId), overrides);
    DeadLetterMeter.attach(props, DeadLetterMeter.of(meters, AGGREGATE_DEAD_LETTERS));
    return new StreamsService(
        "aggregate",
        AggregateTopology.build(AggregateConfig.from(settings.newsflow()), meters),
        props);
  }
}
