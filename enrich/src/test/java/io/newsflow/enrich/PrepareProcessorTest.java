package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.analysis.Annotator;
import io.newsflow.analysis.near.MinHasher;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.enrich.decide.DecideInput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The prepare step's size limit of the enriched record, with the limit lowered to an article's own
 * size (the real 900 KiB one is never reached by a valid article): the upper bound lets an article
 * through without serialising it only where it is under the limit, and the exact check decides
 * where it is not, with the exact size in the dead letter's reason.
 */
class PrepareProcessorTest {
  private static final long NOW = Instant.parse("2024-10-22T08:00:00Z").toEpochMilli();
  private static final EnrichConfig CONFIG = EnrichConfig.defaults();
  private static final Annotator ANNOTATOR = CONFIG.annotator();
  private static final byte[] ARTICLE =
      BoundsTopologyTest.json(
          "size-1",
          "Menteri Luar Negeri Retno Marsudi tiba di Tokyo, Jepang. "
              + "Ia bertemu Perdana Menteri Jepang untuk membahas kerja sama ekonomi.",
          "");

  private static List<PrepareProcessor.Out> prepare(int maxEnrichedBytes) {
    MockProcessorContext<String, PrepareProcessor.Out> context = new MockProcessorContext<>();
    context.setRecordMetadata("news.articles.raw", 2, 40);
    context.setCurrentSystemTimeMs(NOW);
    PrepareProcessor processor =
        new PrepareProcessor(
            ANNOTATOR,
            new MinHasher(CONFIG.near().shingleSize(), CONFIG.near().permutations()),
            new EnrichMeters(new SimpleMeterRegistry()),
            maxEnrichedBytes);
    processor.init(context);
    processor.process(new Record<>("size-1".getBytes(StandardCharsets.UTF_8), ARTICLE, NOW));
    return context.forwarded().stream()
        .map(f -> (PrepareProcessor.Out) f.record().value())
        .toList();
  }

  /** The enriched record's exact JSON size, from a run that is not near the limit. */
  private static int exactSize() {
    List<PrepareProcessor.Out> out = prepare(Integer.MAX_VALUE);
    DecideInput.Prepared p =
        (DecideInput.Prepared) ((PrepareProcessor.ToDecide) out.get(0)).input();
    return EnrichTopics.ENRICHED.valueSerde().serializer().serialize("t", p.article()).length;
  }

  @Test
  void shouldPassWithoutTheExactSizeWhenTheBoundIsUnderTheLimit() {
    int size = exactSize();
    List<PrepareProcessor.Out> out = prepare(size * 7);

    assertThat(out).singleElement().isInstanceOf(PrepareProcessor.ToDecide.class);
    DecideInput.Prepared p =
        (DecideInput.Prepared) ((PrepareProcessor.ToDecide) out.get(0)).input();
    assertThat(EnrichedSizeBound.of(p.article())).isLessThanOrEqualTo(size * 7L);
  }

  @Test
  void shouldPassWhenTheBoundIsOverTheLimitButTheRecordIsNot() {
    int size = exactSize();
    List<PrepareProcessor.Out> out = prepare(size);

    assertThat(out).singleElement().isInstanceOf(PrepareProcessor.ToDecide.class);
    DecideInput.Prepared p =
        (DecideInput.Prepared) ((PrepareProcessor.ToDecide) out.get(0)).input();
    assertThat(EnrichedSizeBound.of(p.article())).isGreaterThan(size);
  }

  @Test
  void shouldDeadLetterWithTheExactSizeWhenTheRecordIsOverTheLimit() {
    int size = exactSize();
    List<PrepareProcessor.Out> out = prepare(size - 1);

    assertThat(out).hasSize(2);
    PrepareProcessor.DeadLetter dead = (PrepareProcessor.DeadLetter) out.get(0);
    assertThat(dead.value()).isEqualTo(ARTICLE);
    assertThat(((PrepareProcessor.ToDecide) out.get(1)).input())
        .isEqualTo(new DecideInput.Skip(2, 40, NOW));
  }

  @Test
  void shouldGiveTheExactSizeAndTheLimitAsTheReasonWhenDeadLettering() {
    int size = exactSize();
    MockProcessorContext<String, PrepareProcessor.Out> context = new MockProcessorContext<>();
    context.setRecordMetadata("news.articles.raw", 2, 40);
    context.setCurrentSystemTimeMs(NOW);
    PrepareProcessor processor =
        new PrepareProcessor(
            ANNOTATOR,
            new MinHasher(CONFIG.near().shingleSize(), CONFIG.near().permutations()),
            new EnrichMeters(new SimpleMeterRegistry()),
            size - 1);
    processor.init(context);
    processor.process(new Record<>("size-1".getBytes(StandardCharsets.UTF_8), ARTICLE, NOW));

    var headers = context.forwarded().get(0).record().headers();
    assertThat(DeadLetters.header(headers, DeadLetters.STAGE)).isEqualTo(DeadLetters.STAGE_PROCESS);
    assertThat(DeadLetters.header(headers, DeadLetters.REASON))
        .isEqualTo(
            "enriched record would be "
                + size
                + " bytes, over the limit of "
                + (size - 1)
                + " bytes");
  }

  /** The Skip marker the prepare step sends for a raw record stamped {@code time}. */
  private static DecideInput.Skip skipOf(byte[] value, long time) {
    MockProcessorContext<String, PrepareProcessor.Out> context = new MockProcessorContext<>();
    context.setRecordMetadata("news.articles.raw", 1, 7);
    context.setCurrentSystemTimeMs(NOW);
    PrepareProcessor processor =
        new PrepareProcessor(
            ANNOTATOR,
            new MinHasher(CONFIG.near().shingleSize(), CONFIG.near().permutations()),
            new EnrichMeters(new SimpleMeterRegistry()));
    processor.init(context);
    processor.process(new Record<>("k".getBytes(StandardCharsets.UTF_8), value, time));
    return context.forwarded().stream()
        .map(f -> f.record().value())
        .filter(PrepareProcessor.ToDecide.class::isInstance)
        .map(o -> (DecideInput.Skip) ((PrepareProcessor.ToDecide) o).input())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldNotPassOnTheTimeOfADeadLetterStampedFarAheadWhenSkippingIt() {
    // Validation rejects a record stamped more than a day ahead: taken as its partition's time
    // in the decide step, that time would release every article before it without waiting for the
    // records after it in the partition (docs/ARCHITECTURE.md, the order rule).
    long now = System.currentTimeMillis();
    long ahead = now + Duration.ofDays(10).toMillis();
    byte[] malformed = "{not json".getBytes(StandardCharsets.UTF_8);

    DecideInput.Skip future = skipOf(ARTICLE, ahead);
    DecideInput.Skip futureMalformed = skipOf(malformed, ahead);
    DecideInput.Skip malformedNow = skipOf(malformed, now);

    assertThat(future.rawOffset()).isEqualTo(7);
    assertThat(future.time()).isEqualTo(Long.MIN_VALUE);
    assertThat(futureMalformed.time()).isEqualTo(Long.MIN_VALUE);
    // A dead letter of an ordinary time still shows how far its partition has come.
    assertThat(malformedNow.time()).isEqualTo(now);
  }
}
