package io.newsflow.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.aggregate.query.LatestArticles;
import io.newsflow.aggregate.query.QueryApi;
import io.newsflow.aggregate.web.LivePage;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.kit.HttpService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The aggregate app with its query API: the HTTP server starts first (its port becomes the
 * instance's {@code application.server}, which other instances use to reach it), then the Streams
 * app, which the API answers from.
 */
public final class AggregateService implements AutoCloseable {
  private final HttpService http;
  private final StreamsService streams;
  private final LatestArticles latest;

  /**
   * @param httpHost interface the API listens on
   * @param httpPort its port; 0 picks a free one
   * @param advertisedHost the host other instances reach this one at
   * @param observability serves {@code /metrics} and {@code /health/*} on the same port; may be
   *     null (no such routes)
   */
  public AggregateService(
      String bootstrap,
      Path stateDir,
      Settings settings,
      String appId,
      String httpHost,
      int httpPort,
      String advertisedHost,
      Observability observability) {
    QueryApi api = new QueryApi(null);
    // The entity table enrich links with, so that a name resolves to the key it is counted under.
    api.aliases(new KnowledgeBaseAliases(EnrichConfig.from(settings.newsflow()).entitiesFile()));
    HttpService server = null;
    try {
      HttpService.Builder routes = api.routes(HttpService.builder(httpHost, httpPort));
      LivePage.routes(routes);
      if (observability != null) {
        observability.routes(routes);
      }
      server = routes.start();
      HostInfo self = new HostInfo(advertisedHost, server.port());
      api.self(self);
      Map<String, String> kafka = new HashMap<>(settings.kafka());
      kafka.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
      StreamsService app =
          Pipeline.aggregate(
              bootstrap,
              stateDir,
              new Settings(settings.newsflow(), kafka),
              appId,
              observability == null ? new SimpleMeterRegistry() : observability.registry());
      api.attach(app.streams());
      // The live page's latest articles: read off news.articles.enriched with the app's client
      // settings (bootstrap servers, security), no group.
      this.latest =
          new LatestArticles(
              new StreamsConfig(app.props())
                  .getRestoreConsumerConfigs("newsflow-aggregate-latest"));
      api.latest(latest);
      this.http = server;
      this.streams = app;
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      throw e;
    }
  }

  public AggregateService start(Duration timeout) {
    streams.start(timeout);
    return this;
  }

  /** {@code http://host:port} of the query API. */
  public String apiUri() {
    return http.baseUri();
  }

  public StreamsService streams() {
    return streams;
  }

  @Override
  public void close() {
    streams.close();
    http.close();
    latest.close();
  }
}
