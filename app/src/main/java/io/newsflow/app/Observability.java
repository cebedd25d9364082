package io.newsflow.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.kit.HttpExchange;
import io.newsflow.kit.HttpService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics and health of one newsflow process: a Prometheus registry with JVM and process binders,
 * the Kafka Streams binder of every app it runs (which also exports newsflow's own Streams sensors,
 * e.g. {@code kafka_stream_newsflow_enrich_near_copy_total}), and three routes for the app's HTTP
 * server:
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format
 *   <li>{@code GET /health/live}: 200 unless an app died (ERROR, NOT_RUNNING, PENDING_ERROR)
 *   <li>{@code GET /health/ready}: 200 when every app is RUNNING, else 503 (rebalancing, restoring,
 *       starting)
 * </ul>
 */
public final class Observability implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> binders = new ArrayList<>();
  private final Map<String, KafkaStreams> apps = new LinkedHashMap<>();

  public Observability() {
    registry.config().commonTags("application", "newsflow");
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    binders.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Exports a Streams app's metrics, tagged {@code stage}, and counts it in health. */
  public synchronized void bind(String stage, KafkaStreams app) {
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(app, Tags.of("stage", stage));
    metrics.bindTo(registry);
    binders.add(metrics);
    apps.put(stage, app);
  }

  /** Exports a Kafka client's metrics (producer, consumer), tagged {@code stage}; returns it. */
  public synchronized <C extends AutoCloseable> C bind(String stage, C client) {
    KafkaClientMetrics metrics =
        client instanceof Producer<?, ?> p
            ? new KafkaClientMetrics(p, Tags.of("stage", stage))
            : client instanceof Consumer<?, ?> c
                ? new KafkaClientMetrics(c, Tags.of("stage", stage))
                : null;
    if (metrics == null) {
      throw new IllegalArgumentException("not a Kafka producer or consumer: " + client);
    }
    metrics.bindTo(registry);
    binders.add(metrics);
    return client;
  }

  /** Adds {@code /metrics}, {@code /health/live} and {@code /health/ready}. */
  public HttpService.Builder routes(HttpService.Builder http) {
    return http.route("/metrics", this::metrics)
        .healthRoute("/health/live", e -> health(e, false))
        .healthRoute("/health/ready", e -> health(e, true));
  }

  private void metrics(HttpExchange exchange) throws IOException {
    HttpService.respond(
        exchange,
        200,
        "text/plain; version=0.0.4; charset=utf-8",
        registry.scrape().getBytes(StandardCharsets.UTF_8));
  }

  private void health(HttpExchange exchange, boolean readiness) throws IOException {
    Map<String, String> states = new LinkedHashMap<>();
    boolean ok = true;
    synchronized (this) {
      for (Map.Entry<String, KafkaStreams> app : apps.entrySet()) {
        KafkaStreams.State state = app.getValue().state();
        states.put(app.getKey(), state.toString());
        boolean dead =
            state == KafkaStreams.State.ERROR
                || state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.PENDING_SHUTDOWN;
        ok &= readiness ? state == KafkaStreams.State.RUNNING : !dead;
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ok ? "UP" : (readiness ? "NOT_READY" : "DOWN"));
    body.put("apps", states);
    HttpService.respondJson(exchange, ok ? 200 : 503, body);
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        LOG.warn("closing a metrics binder: {}", e.toString());
      }
    }
    registry.close();
  }
}
