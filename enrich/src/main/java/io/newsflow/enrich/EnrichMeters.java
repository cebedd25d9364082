package io.newsflow.enrich;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.Verdict;
import io.newsflow.contracts.WireCredit;
import io.newsflow.kit.DeadLetterMeter;
import io.newsflow.kit.Latency;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The domain meters of enrich (Micrometer; {@code /metrics} shows them with a {@code newsflow_}
 * prefix):
 *
 * <ul>
 *   <li>{@code newsflow.enrich.articles} {verdict, language}: articles emitted
 *   <li>{@code newsflow.enrich.copies} {agency, verdict}: copies per credited agency ({@code none}
 *       when the copy credits none)
 *   <li>{@code newsflow.enrich.entities} {type}: entities tagged; {@code
 *       newsflow.enrich.mentions.unlinked}: mentions of entities the knowledge base does not know
 *   <li>{@code newsflow.enrich.dead.letters} {stage, field}: every dead letter, by stage (a {@link
 *       DeadLetterMeter}: the kit's handlers count deserialisation, processing and production dead
 *       letters in it, this class those of validation)
 *   <li>{@code newsflow.enrich.latency} (timer with a Prometheus histogram: p50/p95/p99 by {@code
 *       histogram_quantile}): ingest time to the moment enrich emits the article
 * </ul>
 *
 * <p>Meters with every fixed tag value are registered up front, so a dashboard shows zero rather
 * than nothing before the first copy or dead letter.
 */
public final class EnrichMeters {
  /** The name of enrich's {@link DeadLetterMeter}. */
  public static final String DEAD_LETTERS = "newsflow.enrich.dead.letters";

  private final MeterRegistry registry;
  private final Timer latency;
  private final Counter unlinked;
  private final DeadLetterMeter deadLetters;

  public EnrichMeters(MeterRegistry registry) {
    this.registry = registry;
    this.latency = Latency.timer(registry, "newsflow.enrich.latency", "Ingest time to enriched");
    this.unlinked =
        Counter.builder("newsflow.enrich.mentions.unlinked")
            .description("Mentions of people, organisations and places the knowledge base lacks")
            .register(registry);
    for (Verdict v : Verdict.values()) {
      if (v != Verdict.ORIGINAL) {
        copies("none", v);
      }
    }
    deadLetters = DeadLetterMeter.of(registry, DEAD_LETTERS);
  }

  /** Counts one emitted article, at wall-clock time {@code now}. */
  public void enriched(EnrichedArticle a, Instant now) {
    String verdict = a.dedup().verdict().json();
    String language = a.article().language() == null ? "unknown" : a.article().language();
    Counter.builder("newsflow.enrich.articles")
        .description("Articles enriched and emitted")
        .tags("verdict", verdict, "language", language)
        .register(registry)
        .increment();
    if (a.dedup().isCopy()) {
      if (a.wire().isEmpty()) {
        copies("none", a.dedup().verdict()).increment();
      }
      for (WireCredit w : a.wire()) {
        copies(w.agency(), a.dedup().verdict()).increment();
      }
    }
    for (Entity e : a.entities()) {
      Counter.builder("newsflow.enrich.entities")
          .description("Entities tagged (one per distinct entity in an article)")
          .tag("type", e.type().name().toLowerCase(Locale.ROOT))
          .register(registry)
          .increment();
      if (e.id().startsWith("local:")) {
        unlinked.increment(e.mentions().size());
      }
    }
    if (a.article().ingestedAt() != null) {
      Duration d = Duration.between(a.article().ingestedAt(), now);
      latency.record(d.isNegative() ? Duration.ZERO : d);
    }
  }

  /** Counts one record rejected by validation. */
  public void deadLetter(String stage, String reason) {
    deadLetters.count(stage, reason);
  }

  private Counter copies(String agency, Verdict verdict) {
    return Counter.builder("newsflow.enrich.copies")
        .description("Copies recognised, per credited wire agency and verdict")
        .tags("agency", agency, "verdict", verdict.json())
        .register(registry);
  }
}
