package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.analysis.Annotator;
import io.newsflow.analysis.Bounds;
import io.newsflow.analysis.near.MinHasher;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.enrich.decide.DecideInput;
import io.newsflow.enrich.decide.DecideProcessor;
import io.newsflow.enrich.decide.DecideStores;
import io.newsflow.enrich.decide.DecisionIndex;
import io.newsflow.enrich.decide.HeldRawLogEnds;
import io.newsflow.enrich.decide.Preparer;
import io.newsflow.enrich.decide.RawLogEnds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The decide step started again prepares the raw records of its pending range again with the
 * prepare step's own code ({@link PrepareProcessor#preparer}), at a later wall-clock time. What the
 * prepare step sent to the dead-letter topic must not come out of that enriched.
 */
class DecideRestartPrepareTest {
  private static final EnrichConfig CONFIG = EnrichConfig.defaults();
  private static final Annotator ANNOTATOR = CONFIG.annotator();
  private static final MinHasher HASHER =
      new MinHasher(CONFIG.near().shingleSize(), CONFIG.near().permutations());
  private static final Duration GRACE = Duration.ofMillis(200);

  @Test
  void shouldNotEnrichAfterAStopARecordThePrepareStepRejectedAsAheadOfTheClock() {
    // Raw partition 0: "w", then "ahead", stamped a day and 30 s after the clock: the prepare step
    // dead-letters it (validate) and sends a Skip. "w" waits for partition 1. The task stops and
    // starts again a minute later: read again, "ahead" is now less than a day ahead.
    long now = System.currentTimeMillis();
    long aheadTime = now + Duration.ofDays(1).plusSeconds(30).toMillis();
    List<RawLogEnds.RawRecord> raw =
        List.of(
            new RawLogEnds.RawRecord(
                0,
                0,
                now,
                BoundsTopologyTest.json(
                    "w", "Menteri Luar Negeri Retno Marsudi tiba di Tokyo, Jepang.", "")),
            new RawLogEnds.RawRecord(
                0,
                1,
                aheadTime,
                BoundsTopologyTest.json(
                    "ahead", "Bank Indonesia mempertahankan suku bunga acuan bulan ini.", "")));
    List<DecideInput> toDecide = new ArrayList<>();
    for (RawLogEnds.RawRecord r : raw) {
      toDecide.add(prepareStep(r, now));
    }
    assertThat(toDecide.get(0)).isInstanceOf(DecideInput.Prepared.class);
    assertThat(toDecide.get(1)).isInstanceOf(DecideInput.Skip.class);

    HeldRawLogEnds ends = new HeldRawLogEnds(2);
    raw.forEach(ends::append);
    Preparer again = PrepareProcessor.preparer(ANNOTATOR, HASHER, Bounds.MAX_ENRICHED_BYTES);
    List<StateStore> stores = DecideStores.inMemory();
    DecideProcessor first =
        new DecideProcessor(DecideRestartPrepareTest::index, ends, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> before = DecideStores.context(stores, now);
    first.init(before);
    toDecide.forEach(in -> first.process(new Record<>("k", in, Math.max(0, in.time()))));
    assertThat(before.forwarded()).isEmpty();
    first.close();

    DecideProcessor second =
        new DecideProcessor(DecideRestartPrepareTest::index, ends, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> after =
        DecideStores.context(stores, now + 60_000);
    second.init(after);
    ends.catchUp();
    after.scheduledPunctuators().get(0).getPunctuator().punctuate(0);

    // one run enriches "w" only: "ahead" went to the dead-letter topic
    assertThat(after.forwarded().stream().<String>map(f -> f.record().key()).toList())
        .containsExactly("w");
  }

  /** What the prepare step sends the decide step for {@code raw}, at its wall-clock time. */
  private static DecideInput prepareStep(RawLogEnds.RawRecord raw, long now) {
    MockProcessorContext<String, PrepareProcessor.Out> context = new MockProcessorContext<>();
    context.setRecordMetadata("news.articles.raw", raw.partition(), raw.offset());
    context.setCurrentSystemTimeMs(now);
    PrepareProcessor step =
        new PrepareProcessor(ANNOTATOR, HASHER, new EnrichMeters(new SimpleMeterRegistry()));
    step.init(context);
    step.process(new Record<>("k".getBytes(StandardCharsets.UTF_8), raw.value(), raw.timestamp()));
    return context.forwarded().stream()
        .map(f -> f.record().value())
        .filter(PrepareProcessor.ToDecide.class::isInstance)
        .map(o -> ((PrepareProcessor.ToDecide) o).input())
        .findFirst()
        .orElseThrow();
  }

  private static DecisionIndex index() {
    return new DecisionIndex(CONFIG.dedupHorizon(), CONFIG.near(), CONFIG.story());
  }
}
