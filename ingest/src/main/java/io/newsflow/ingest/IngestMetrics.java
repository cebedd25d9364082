package io.newsflow.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of one ingest source (a feed, the HTTP endpoint, a watched folder), registered in the
 * caller's {@link MeterRegistry}. Every meter of a name carries the same tag keys, as Prometheus
 * requires:
 *
 * <ul>
 *   <li>{@value #ITEMS} (counter) tags {@code source} = {@code feed|http|folder}, {@code feed} =
 *       the feed URL ({@value #NO_FEED} for the other sources), {@code outcome} = {@code fetched}
 *       (read from the source), {@code published} (acknowledged by Kafka), {@code failed} (invalid,
 *       or not acknowledged), {@code skipped} (a feed item already published before);
 *   <li>{@value #LAST_SUCCESS} (gauge, seconds since the epoch; 0 = never) tags {@code source},
 *       {@code feed}: the last poll, request or file that ended well.
 * </ul>
 *
 * A source registers its meters once and removes them on {@link #close()}, so that a restarted
 * source in the same process starts from fresh meters.
 */
public final class IngestMetrics implements AutoCloseable {
  public static final String ITEMS = "newsflow.ingest.items";
  public static final String LAST_SUCCESS = "newsflow.ingest.last.success";
  public static final String NO_FEED = "none";

  /** Where articles come from: the value of the {@code source} tag. */
  public enum Source {
    FEED,
    HTTP,
    FOLDER;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Counter fetched;
  private final Counter published;
  private final Counter failed;
  private final Counter skipped;
  private final AtomicLong lastSuccessMillis;
  private final Gauge lastSuccessGauge;
  private final MeterRegistry registry;

  private IngestMetrics(MeterRegistry registry, Source source, String feed) {
    Tags tags = Tags.of("source", source.tag(), "feed", feed);
    fetched = items(registry, tags, "fetched");
    published = items(registry, tags, "published");
    failed = items(registry, tags, "failed");
    skipped = items(registry, tags, "skipped");
    lastSuccessMillis = new AtomicLong();
    lastSuccessGauge =
        Gauge.builder(LAST_SUCCESS, lastSuccessMillis, v -> v.get() / 1000.0)
            .tags(tags)
            .baseUnit("seconds")
            .description("when the source last ingested without error (0 = never)")
            // The registry holds gauges weakly by default; this one lives as long as the source.
            .strongReference(true)
            .register(registry);
    this.registry = registry;
  }

  /** The meters of a feed, tagged with its URL. */
  public static IngestMetrics feed(MeterRegistry registry, String feedUrl) {
    return new IngestMetrics(registry, Source.FEED, feedUrl);
  }

  /** The meters of the HTTP endpoint or a watched folder. */
  public static IngestMetrics of(MeterRegistry registry, Source source) {
    return new IngestMetrics(registry, source, NO_FEED);
  }

  private static Counter items(MeterRegistry registry, Tags tags, String outcome) {
    return Counter.builder(ITEMS)
        .tags(tags)
        .tag("outcome", outcome)
        .baseUnit("items")
        .description("items ingested, by source and outcome")
        .register(registry);
  }

  public void fetched(long n) {
    fetched.increment(n);
  }

  public void published(long n) {
    published.increment(n);
  }

  public void failed(long n) {
    failed.increment(n);
  }

  public void skipped(long n) {
    skipped.increment(n);
  }

  public void succeeded(Instant at) {
    lastSuccessMillis.set(at.toEpochMilli());
  }

  /** The last success, or null when there was none yet. */
  public Instant lastSuccess() {
    long millis = lastSuccessMillis.get();
    return millis == 0 ? null : Instant.ofEpochMilli(millis);
  }

  /** Removes this source's meters from the registry. */
  @Override
  public void close() {
    for (Meter meter : List.of(fetched, published, failed, skipped, lastSuccessGauge)) {
      registry.remove(meter);
    }
  }
}
