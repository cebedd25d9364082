package io.newsflow.app;

import io.newsflow.kit.HttpService;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow enrich}: the enrich Streams application. */
@Command(
    name = "enrich",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the enrich stage: verdicts, stories, entities and themes.",
      "news.articles.raw -> prepare (validate, annotate) -> one ordered decide step (copies,"
          + " stories) -> news.articles.enriched (bad records -> news.articles.dlq). Until Ctrl-C."
    })
final class EnrichCommand extends StreamsCommand {
  @Option(
      names = "--http-port",
      description = "Port of /metrics and /health; 0 picks a free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "8082")
  int httpPort;

  @Option(
      names = {"--http-bind", "--http-host"},
      paramLabel = "ADDRESS",
      description =
          "Address /metrics and /health listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every"
              + " interface).",
      defaultValue = "127.0.0.1")
  String httpHost;

  private Observability observability;
  private HttpService http;

  @Override
  StreamsService create(
      String bootstrap, Path stateDir, Settings settings, String appId, Observability obs) {
    this.observability = obs;
    return Pipeline.enrich(bootstrap, stateDir, settings, appId, obs.registry());
  }

  @Override
  String stage() {
    return "enrich";
  }

  @Override
  void started() {
    http = observability.routes(HttpService.builder(httpHost, httpPort)).start();
    System.out.println(
        "metrics: " + http.baseUri() + "/metrics, health: " + http.baseUri() + "/health/ready");
  }

  @Override
  void stopped() {
    if (http != null) {
      http.close();
    }
  }

  @Override
  String defaultApplicationId() {
    return Pipeline.ENRICH_APP_ID;
  }
}
