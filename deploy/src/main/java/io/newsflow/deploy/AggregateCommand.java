package io.newsflow.deploy;

import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code newsflow aggregate}: the aggregate Streams application. */
@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    description =
        "Runs the aggregate stage: news.articles.enriched -> running counts per facet -> "
            + "news.counts. Until Ctrl-C.")
final class AggregateCommand extends StreamsCommand {
  @Override
  StreamsService create(String bootstrap, Path stateDir, Settings settings, String appId) {
    return Pipeline.aggregate(bootstrap, stateDir, settings, appId);
  }

  @Override
  String defaultApplicationId() {
    return Pipeline.AGGREGATE_APP_ID;
  }
}
