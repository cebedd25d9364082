package io.newsflow.deploy;

import io.newsflow.aggregate.AggregateConfig;
import io.newsflow.aggregate.AggregateTopology;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichTopology;
import io.newsflow.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;

/** Builds and starts the pipeline's Streams applications with their standard ids and settings. */
public final class Pipeline {
  public static final String ENRICH_APP_ID = "newsflow-enrich";
  public static final String AGGREGATE_APP_ID = "newsflow-aggregate";
  public static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private Pipeline() {}

  public static StreamsService enrich(
      String bootstrap, Path stateDir, Settings settings, String appId) {
    return new StreamsService(
        "enrich",
        EnrichTopology.build(EnrichConfig.from(settings.newsflow())),
        StreamsSettings.of(appId, bootstrap, stateDir.resolve(appId), settings.kafka()));
  }

  public static StreamsService aggregate(
      String bootstrap, Path stateDir, Settings settings, String appId) {
    return new StreamsService(
        "aggregate",
        AggregateTopology.build(AggregateConfig.from(settings.newsflow())),
        StreamsSettings.of(appId, bootstrap, stateDir.resolve(appId), settings.kafka()));
  }
}
