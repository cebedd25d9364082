package io.newsflow.deploy;

import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code newsflow enrich}: the enrich Streams application. */
@Command(
    name = "enrich",
    mixinStandardHelpOptions = true,
    description =
        "Runs the enrich stage: news.articles.raw -> validate, exact duplicates -> "
            + "news.articles.enriched (bad records -> news.articles.dlq). Until Ctrl-C.")
final class EnrichCommand extends StreamsCommand {
  @Override
  StreamsService create(String bootstrap, Path stateDir, Settings settings, String appId) {
    return Pipeline.enrich(bootstrap, stateDir, settings, appId);
  }

  @Override
  String defaultApplicationId() {
    return Pipeline.ENRICH_APP_ID;
  }
}
