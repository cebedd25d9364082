package io.newsflow.app;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow aggregate}: the aggregate Streams application and its query API. */
@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the aggregate stage (counts per facet) and its query API.",
      "news.articles.enriched -> running counts per facet (all-time, per hour, per day) ->"
          + " news.counts, with the query API on --http-port. Until Ctrl-C.",
      "Run several with the same application id to share the work: each answers every query."
    })
final class AggregateCommand extends StreamsCommand {
  @Option(
      names = "--http-port",
      description = "Port of the query API; 0 picks a free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "8081")
  int httpPort;

  @Option(
      names = {"--http-bind", "--http-host"},
      paramLabel = "ADDRESS",
      description =
          "Address the query API, live page and /metrics listen on (default: ${DEFAULT-VALUE};"
              + " 0.0.0.0 for every interface).",
      defaultValue = "127.0.0.1")
  String httpHost;

  @Option(
      names = "--advertised-host",
      description =
          "Host other instances reach this one at (default: --http-bind, or this machine's host"
              + " name when that is a wildcard such as 0.0.0.0).")
  String advertisedHost;

  private AggregateService service;

  @Override
  StreamsService create(
      String bootstrap, Path stateDir, Settings settings, String appId, Observability obs) {
    service =
        new AggregateService(
            bootstrap,
            stateDir,
            settings,
            appId,
            httpHost,
            httpPort,
            advertised(httpHost, advertisedHost),
            obs);
    return service.streams();
  }

  @Override
  String stage() {
    return "aggregate";
  }

  /**
   * The host other instances reach this one at: {@code advertisedHost} when given, else the bind
   * address, unless that is a wildcard (0.0.0.0, ::), which no one can connect to: then this
   * machine's host name.
   */
  static String advertised(String bindAddress, String advertisedHost) {
    if (advertisedHost != null) {
      return advertisedHost;
    }
    try {
      if (java.net.InetAddress.getByName(bindAddress).isAnyLocalAddress()) {
        return java.net.InetAddress.getLocalHost().getHostName();
      }
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(
          "cannot resolve " + bindAddress + ": give --advertised-host", e);
    }
    return bindAddress;
  }

  @Override
  void started() {
    System.out.println("query API: " + service.apiUri() + "/api/top?facet=outlet");
    System.out.println(
        "metrics: " + service.apiUri() + "/metrics, health: " + service.apiUri() + "/health/ready");
  }

  @Override
  void stopped() {
    service.close();
  }

  @Override
  String defaultApplicationId() {
    return Pipeline.AGGREGATE_APP_ID;
  }
}
