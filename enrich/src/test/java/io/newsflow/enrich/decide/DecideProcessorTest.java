package io.newsflow.enrich.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.analysis.story.StoryConfig;
import io.newsflow.analysis.story.StoryTerms;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Text;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichTopology;
import io.newsflow.kit.FailedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The decide processor's in-memory state and progress, driven directly (real in-memory stores).
 *
 * <p>Kafka Streams revives a task in place after a {@code TaskCorruptedException} (under
 * exactly-once: a commit or send that timed out while a broker was away): the task is closed dirty,
 * its stores wiped and restored from their changelogs (the last committed state), and the
 * <em>same</em> processor instances are initialised again ({@code ProcessorNode.init}: "revived
 * tasks could re-initialize the topology"). The input of the aborted transaction is then read
 * again. What the decide step decides must then be what it would have decided without the abort.
 */
class DecideProcessorTest {
  private static final long T0 = Instant.parse("2024-10-22T08:00:00Z").toEpochMilli();
  private static final String FLOOD =
      "Banjir kembali merendam sejumlah wilayah di Jakarta Timur pada Selasa pagi setelah hujan"
          + " deras mengguyur ibu kota sejak Senin malam, kata petugas di lokasi pengungsian.";
  private static final String RATES =
      "Bank Indonesia memutuskan untuk mempertahankan suku bunga acuan pada level 6 persen dalam"
          + " rapat dewan gubernur bulan ini untuk menjaga nilai tukar rupiah.";
  private static final String FOOTBALL =
      "Tim nasional Indonesia berhasil meraih kemenangan dua gol tanpa balas atas Filipina dalam"
          + " laga kualifikasi di Stadion Utama Gelora Bung Karno pada Kamis malam.";

  private final DecisionIndex index = newIndex();

  private static DecisionIndex newIndex() {
    return new DecisionIndex(
        EnrichConfig.DEFAULT_DEDUP_HORIZON, EnrichConfig.DEFAULT_NEAR, StoryConfig.DEFAULTS);
  }

  @Test
  void shouldDecideTheAbortedArticlesAgainWhenTheTaskIsRevived() {
    DecideProcessor processor =
        new DecideProcessor(
            DecideProcessorTest::newIndex,
            RawLogEnds.synchronous(),
            (raw, now) -> null,
            Duration.ofMillis(200));
    MockProcessorContext<String, EnrichedArticle> first = contextWithEmptyStores();
    processor.init(first);
    processor.process(record(prepared(0, 0, T0, "a", FLOOD)));
    processor.process(record(prepared(0, 1, T0 + 1_000, "b", RATES)));
    assertThat(first.forwarded()).hasSize(2);

    // The transaction is aborted before it commits: nothing was committed, so the restored stores
    // are empty, and the two raw records come again, in the same order.
    processor.close();
    MockProcessorContext<String, EnrichedArticle> revived = contextWithEmptyStores();
    processor.init(revived);
    processor.process(record(prepared(0, 0, T0, "a", FLOOD)));
    processor.process(record(prepared(0, 1, T0 + 1_000, "b", RATES)));

    List<EnrichedArticle> out =
        revived.forwarded().stream().<EnrichedArticle>map(f -> f.record().value()).toList();
    assertThat(out).extracting(EnrichedArticle::id).containsExactly("a", "b");
    assertThat(out)
        .extracting(EnrichedArticle::dedup)
        .containsExactly(Dedup.original("a"), Dedup.original("b"));
    assertThat(out).extracting(EnrichedArticle::storyId).containsExactly("a", "b");
  }

  @Test
  void shouldDecideInTheOrderAgainWhenTheRevivedTaskReadsTheRecordsInAnotherInterleaving() {
    // Raw partition 1 holds "z" (first of its text) and "y"; partition 0 holds "a" and "c", copies
    // of "z". Before the abort they reach the decide step z, a, c, y; after it (the prepare tasks
    // of the two partitions run again and race) a, c, z, y. The order decides alike: "z" is the
    // original, "a" and "c" copy it. Neither the frontier nor the progress of the aborted run may
    // make "a" late or release it before partition 1 has passed it.
    HeldRawLogEnds ends = new HeldRawLogEnds(2);
    DecideProcessor processor =
        new DecideProcessor(
            DecideProcessorTest::newIndex, ends, (raw, now) -> null, Duration.ofMillis(200));
    ends.catchUp();
    MockProcessorContext<String, EnrichedArticle> first = contextWithEmptyStores();
    processor.init(first);
    processor.process(record(prepared(1, 0, T0 - 1_000, "z", FLOOD)));
    processor.process(record(prepared(0, 0, T0, "a", FLOOD)));
    processor.process(record(prepared(0, 1, T0 + 2_000, "c", FLOOD)));
    processor.process(record(prepared(1, 1, T0 + 5_000, "y", RATES)));
    assertThat(dedupById(first))
        .containsEntry("z", Dedup.original("z"))
        .containsEntry("a", Dedup.exactCopyOf("z"))
        .containsEntry("c", Dedup.exactCopyOf("z"))
        .containsEntry("y", Dedup.original("y"));

    processor.close();
    ends.hold();
    MockProcessorContext<String, EnrichedArticle> revived = contextWithEmptyStores();
    processor.init(revived);
    processor.process(record(prepared(0, 0, T0, "a", FLOOD)));
    processor.process(record(prepared(0, 1, T0 + 2_000, "c", FLOOD)));
    processor.process(record(prepared(1, 0, T0 - 1_000, "z", FLOOD)));
    processor.process(record(prepared(1, 1, T0 + 5_000, "y", RATES)));
    ends.catchUp();
    releaseDue(revived);

    assertThat(revived.forwarded().stream().<String>map(f -> f.record().key()).toList())
        .containsExactly("z", "a", "c", "y");
    assertThat(dedupById(revived)).isEqualTo(dedupById(first));
  }

  @Test
  void shouldDecideTheArticlesThatWaitedWhenTheTaskStartsAgainFromTheRawRecordsReadAgain() {
    // Partition 0: "a" (a copy of z's text), then "b" stamped earlier; partition 1: "z", then "y".
    // With 200 ms of grace, z and b are released; a and y wait for partition 1 to pass them.
    DecideInput.Prepared a = prepared(0, 0, T0 + 10_000, "a", FLOOD);
    DecideInput.Prepared b = prepared(0, 1, T0, "b", RATES);
    DecideInput.Prepared z = prepared(1, 0, T0 - 1_000, "z", FLOOD);
    DecideInput.Prepared y = prepared(1, 1, T0 + 5_000, "y", RATES);
    List<DecideInput.Prepared> all = List.of(a, z, b, y);
    Map<String, DecideInput.Prepared> byPosition = new HashMap<>();
    HeldRawLogEnds ends = new HeldRawLogEnds(2);
    for (DecideInput.Prepared p : all) {
      byPosition.put(p.rawPartition() + ":" + p.rawOffset(), p);
      ends.append(new RawLogEnds.RawRecord(p.rawPartition(), p.rawOffset(), p.time(), null));
    }
    Preparer again = (raw, now) -> byPosition.get(raw.partition() + ":" + raw.offset());
    List<StateStore> stores = emptyStores();

    DecideProcessor first = new DecideProcessor(DecideProcessorTest::newIndex, ends, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> before = contextWith(stores);
    first.init(before);
    all.forEach(p -> first.process(record(p)));
    assertThat(keys(before)).containsExactly("z", "b");

    // The task stops after a commit (the stores hold what was committed) and starts again, here
    // or on another instance: a and y are read again from the raw topic and decided; b, read
    // again with them, was decided before and is not again.
    first.close();
    DecideProcessor second = new DecideProcessor(DecideProcessorTest::newIndex, ends, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> after = contextWith(stores);
    second.init(after);
    assertThat(ends.reads()).isEqualTo(2);
    ends.catchUp();
    releaseDue(after);
    assertThat(keys(after)).containsExactly("y", "a");

    // as one run without the stop decides them
    HeldRawLogEnds once = new HeldRawLogEnds(2);
    DecideProcessor uninterrupted =
        new DecideProcessor(DecideProcessorTest::newIndex, once, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> whole = contextWithEmptyStores();
    uninterrupted.init(whole);
    all.forEach(p -> uninterrupted.process(record(p)));
    once.catchUp();
    releaseDue(whole);
    assertThat(keys(whole)).containsExactly("z", "b", "y", "a");
    Map<String, Dedup> restarted = dedupById(before);
    restarted.putAll(dedupById(after));
    assertThat(restarted).isEqualTo(dedupById(whole)).containsEntry("a", Dedup.exactCopyOf("z"));
    assertThat(after.forwarded().stream().map(f -> f.record().value().storyId()).toList())
        .isEqualTo(
            whole.forwarded().stream().skip(2).map(f -> f.record().value().storyId()).toList());
  }

  @Test
  void shouldReadNothingAgainWhenNoArticleWaitedAtTheStop() {
    HeldRawLogEnds ends = new HeldRawLogEnds(1);
    ends.catchUp();
    List<StateStore> stores = emptyStores();
    DecideProcessor first =
        new DecideProcessor(DecideProcessorTest::newIndex, ends, (raw, now) -> null, GRACE);
    MockProcessorContext<String, EnrichedArticle> before = contextWith(stores);
    first.init(before);
    first.process(record(prepared(0, 0, T0, "a", FLOOD)));
    first.process(record(prepared(0, 1, T0 + 1_000, "b", RATES)));
    assertThat(keys(before)).containsExactly("a", "b");

    first.close();
    DecideProcessor second =
        new DecideProcessor(DecideProcessorTest::newIndex, ends, (raw, now) -> null, GRACE);
    second.init(contextWith(stores));

    assertThat(ends.reads()).isZero();
  }

  @Test
  void shouldReadTheProgressOfEarlierVersionsAsNothingPending() {
    Progress p = new Progress(42, T0, 17);
    assertThat(
            Progress.SERDE
                .deserializer()
                .deserialize("t", Progress.SERDE.serializer().serialize("t", p)))
        .isEqualTo(p);
    // format byte, next, max time: the buffer of that version held what waited
    byte[] old = java.nio.ByteBuffer.allocate(17).put((byte) 1).putLong(42).putLong(T0).array();
    assertThat(Progress.SERDE.deserializer().deserialize("t", old))
        .isEqualTo(new Progress(42, T0, 42));
  }

  @Test
  void shouldKeepTheArticlesTakenOverFromAnEarlierVersionsBufferAcrossAnotherStop() {
    // An earlier version left "a" (partition 0, offset 1) waiting in decide-buffer; its progress
    // values read as nothing pending (pendingFrom = next). The upgraded task takes "a" over and
    // empties the buffer; it stops again (a rolling upgrade moves the task on) before partition 1
    // has passed "a". The next start must still decide "a".
    DecideInput.Prepared a = prepared(0, 1, T0 + 10_000, "a", FLOOD);
    HeldRawLogEnds ends = new HeldRawLogEnds(2);
    ends.append(new RawLogEnds.RawRecord(0, 0, T0 - 5_000, null));
    ends.append(new RawLogEnds.RawRecord(0, 1, a.time(), null));
    Preparer again = (raw, now) -> raw.offset() == 1 && raw.partition() == 0 ? a : null;
    List<StateStore> stores = emptyStores();
    MockProcessorContext<String, EnrichedArticle> upgrade = contextWith(stores);
    KeyValueStore<String, DecideInput> buffer =
        upgrade.getStateStore(EnrichTopology.DECIDE_BUFFER_STORE);
    KeyValueStore<Integer, Progress> progress =
        upgrade.getStateStore(EnrichTopology.DECIDE_PROGRESS_STORE);
    buffer.put("0:1", a);
    progress.put(0, new Progress(2, a.time(), 2));
    progress.put(1, new Progress(1, T0, 1));

    DecideProcessor first = new DecideProcessor(DecideProcessorTest::newIndex, ends, again, GRACE);
    first.init(upgrade);
    assertThat(upgrade.forwarded()).isEmpty();
    first.close();

    DecideProcessor second = new DecideProcessor(DecideProcessorTest::newIndex, ends, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> after = contextWith(stores);
    second.init(after);
    ends.catchUp();
    releaseDue(after);
    assertThat(keys(after)).containsExactly("a");
  }

  @Test
  void shouldDecideAfterAStopAnArticleWithTheSameTimeAndIdAsTheLastDecided() {
    // "a" is decided; a second record with the same record time and id but another text (an
    // update sent with the article's own ingest time) waits: process() keeps what is not before
    // the frontier, the equal one included. The one run decides it (not a re-send: the text
    // differs). A task stopped while it waits must decide it too.
    DecideInput.Prepared a1 = prepared(0, 0, T0, "a", FLOOD);
    DecideInput.Prepared a2 = prepared(0, 1, T0, "a", RATES);
    HeldRawLogEnds ends = new HeldRawLogEnds(1);
    ends.append(new RawLogEnds.RawRecord(0, 0, T0, null));
    ends.append(new RawLogEnds.RawRecord(0, 1, T0, null));
    Preparer again = (raw, now) -> raw.offset() == 0 ? a1 : a2;

    HeldRawLogEnds once = new HeldRawLogEnds(1);
    DecideProcessor uninterrupted =
        new DecideProcessor(DecideProcessorTest::newIndex, once, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> whole = contextWithEmptyStores();
    uninterrupted.init(whole);
    once.catchUp();
    uninterrupted.process(record(a1));
    once.hold();
    uninterrupted.process(record(a2));
    once.catchUp();
    releaseDue(whole);
    assertThat(keys(whole)).containsExactly("a", "a");

    List<StateStore> stores = emptyStores();
    DecideProcessor first = new DecideProcessor(DecideProcessorTest::newIndex, ends, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> before = contextWith(stores);
    first.init(before);
    ends.catchUp();
    first.process(record(a1));
    ends.hold();
    first.process(record(a2));
    assertThat(keys(before)).containsExactly("a");
    first.close();
    DecideProcessor second = new DecideProcessor(DecideProcessorTest::newIndex, ends, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> after = contextWith(stores);
    second.init(after);
    ends.catchUp();
    releaseDue(after);
    assertThat(keys(after)).containsExactly("a");
  }

  @Test
  void shouldCopyTheOldTextOfAnArticleUpdatedAtTheSameTimeAlikeAfterAStop() {
    // "a" is updated (same id, another text) with the same record time, as the test above sends
    // it; then "b" comes with a's first text. decide-log keeps one entry per id and record time:
    // the update replaces the first version there, so the index rebuilt at a start knows only
    // RATES for "a". The one run must decide "b" as the run stopped between a's update and "b".
    DecideInput.Prepared a1 = prepared(0, 0, T0, "a", FLOOD);
    DecideInput.Prepared a2 = prepared(0, 1, T0, "a", RATES);
    DecideInput.Prepared b = prepared(0, 2, T0 + 1_000, "b", FLOOD);

    DecideProcessor uninterrupted =
        new DecideProcessor(
            DecideProcessorTest::newIndex, RawLogEnds.synchronous(), (raw, now) -> null, GRACE);
    MockProcessorContext<String, EnrichedArticle> whole = contextWithEmptyStores();
    uninterrupted.init(whole);
    List.of(a1, a2, b).forEach(p -> uninterrupted.process(record(p)));
    assertThat(keys(whole)).containsExactly("a", "a", "b");

    List<StateStore> stores = emptyStores();
    DecideProcessor first =
        new DecideProcessor(
            DecideProcessorTest::newIndex, RawLogEnds.synchronous(), (raw, now) -> null, GRACE);
    MockProcessorContext<String, EnrichedArticle> before = contextWith(stores);
    first.init(before);
    first.process(record(a1));
    first.process(record(a2));
    assertThat(keys(before)).containsExactly("a", "a");
    first.close();
    DecideProcessor second =
        new DecideProcessor(
            DecideProcessorTest::newIndex, RawLogEnds.synchronous(), (raw, now) -> null, GRACE);
    MockProcessorContext<String, EnrichedArticle> after = contextWith(stores);
    second.init(after);
    second.process(record(b));

    assertThat(keys(after)).containsExactly("b");
    assertThat(after.forwarded().get(0).record().value().dedup())
        .isEqualTo(whole.forwarded().get(2).record().value().dedup());
    assertThat(after.forwarded().get(0).record().value().storyId())
        .isEqualTo(whole.forwarded().get(2).record().value().storyId());
  }

  @Test
  void shouldCopyTheTextOfAVersionReplacedByALateOneAtItsTimeAlikeAfterAStop() {
    // rev12b: "a" FLOOD at 1h, updated to RATES at 3h (FLOOD kept among its text), then a late
    // version FOOTBALL at 1h: decide-log replaces the FLOOD entry (same id and record time), so
    // the index rebuilt at a start knows no FLOOD. "b" with FLOOD must be decided alike by the one
    // run and by the run stopped before it (it was an exact copy of "a" in the one, an original
    // after the stop).
    long hour = 3_600_000;
    DecideInput.Prepared a1 = prepared(0, 0, T0 + hour, "a", FLOOD);
    DecideInput.Prepared a2 = prepared(0, 1, T0 + 3 * hour, "a", RATES);
    DecideInput.Prepared a3 = prepared(0, 2, T0 + hour, "a", FOOTBALL);
    DecideInput.Prepared b = prepared(0, 3, T0 + 4 * hour, "b", FLOOD);

    DecideProcessor uninterrupted =
        new DecideProcessor(
            DecideProcessorTest::newIndex, RawLogEnds.synchronous(), (raw, now) -> null, GRACE);
    MockProcessorContext<String, EnrichedArticle> whole = contextWithEmptyStores();
    uninterrupted.init(whole);
    List.of(a1, a2, a3, b).forEach(p -> uninterrupted.process(record(p)));
    assertThat(keys(whole)).containsExactly("a", "a", "a", "b");

    List<StateStore> stores = emptyStores();
    DecideProcessor first =
        new DecideProcessor(
            DecideProcessorTest::newIndex, RawLogEnds.synchronous(), (raw, now) -> null, GRACE);
    MockProcessorContext<String, EnrichedArticle> before = contextWith(stores);
    first.init(before);
    List.of(a1, a2, a3).forEach(p -> first.process(record(p)));
    assertThat(keys(before)).containsExactly("a", "a", "a");
    first.close();
    DecideProcessor second =
        new DecideProcessor(
            DecideProcessorTest::newIndex, RawLogEnds.synchronous(), (raw, now) -> null, GRACE);
    MockProcessorContext<String, EnrichedArticle> after = contextWith(stores);
    second.init(after);
    second.process(record(b));

    assertThat(keys(after)).containsExactly("b");
    assertThat(after.forwarded().get(0).record().value().dedup())
        .isEqualTo(whole.forwarded().get(3).record().value().dedup());
    assertThat(after.forwarded().get(0).record().value().dedup().verdict())
        .isEqualTo(io.newsflow.contracts.Verdict.ORIGINAL);
  }

  @Test
  void shouldDecideAfterAStopAnArticleThatBecameEqualToTheFrontierWhileItWaited() {
    // Both records of "a" (same record time and id, other texts) wait; the look-up releases the
    // first (it arrived more than the grace before the look-up), not the second (arrived after).
    // The second is then equal to the frontier while it waits; a stop must not lose it.
    DecideInput.Prepared a1 = prepared(0, 0, T0, "a", FLOOD);
    DecideInput.Prepared a2 = prepared(0, 1, T0, "a", RATES);
    SetRawLogEnds ends = new SetRawLogEnds();
    ends.log.add(new RawLogEnds.RawRecord(0, 0, T0, null));
    ends.log.add(new RawLogEnds.RawRecord(0, 1, T0, null));
    Preparer again = (raw, now) -> raw.offset() == 0 ? a1 : a2;
    List<StateStore> stores = emptyStores();
    DecideProcessor first = new DecideProcessor(DecideProcessorTest::newIndex, ends, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> before = contextWith(stores);
    first.init(before);
    before.setCurrentSystemTimeMs(T0);
    first.process(record(a1));
    before.setCurrentSystemTimeMs(T0 + 1_000);
    first.process(record(a2));
    ends.latest = new RawLogEnds.Observation(T0 + 500, 1, Map.of(0, 2L));
    releaseDue(before);
    assertThat(keys(before)).containsExactly("a");
    first.close();

    DecideProcessor second = new DecideProcessor(DecideProcessorTest::newIndex, ends, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> after = contextWith(stores);
    second.init(after);
    ends.latest = new RawLogEnds.Observation(Long.MAX_VALUE, 1, Map.of());
    releaseDue(after);
    assertThat(keys(after)).containsExactly("a");
    assertThat(dedupById(after)).containsEntry("a", Dedup.original("a"));
    KeyValueStore<String, DecideInput> buffer =
        after.getStateStore(EnrichTopology.DECIDE_BUFFER_STORE);
    assertThat(buffer.approximateNumEntries()).isZero();
  }

  /** Look-ups set by the test; the raw records it lists, for {@link #read}. */
  private static final class SetRawLogEnds implements RawLogEnds {
    volatile Observation latest;
    final List<RawRecord> log = new java.util.ArrayList<>();

    @Override
    public void start() {}

    @Override
    public void delivered(int partition, long nextOffset) {}

    @Override
    public Observation latest() {
      return latest;
    }

    @Override
    public void close() {}

    @Override
    public List<RawRecord> read(int partition, long from, long to) {
      return log.stream()
          .filter(r -> r.partition() == partition && r.offset() >= from && r.offset() < to)
          .toList();
    }
  }

  @Test
  void shouldNotDecideAgainAfterAStopAnArticleWhoseDecisionFailed() {
    // Partition 0: "w" (waits for partition 1), then "broken", stamped earlier, whose decision
    // throws (a one-value signature); partition 1: "y". "broken" is released, fails and goes to
    // the dead-letter topic (the handler goes on); w and y wait. The failed article is not in
    // decide-log and lies after the frontier rebuilt from it, within partition 0's pending range.
    DecideInput.Prepared w = prepared(0, 0, T0 + 10_000, "w", FLOOD);
    DecideInput.Prepared good = prepared(0, 1, T0, "broken", RATES);
    DecideInput.Prepared broken =
        new DecideInput.Prepared(0, 1, T0, good.article(), new int[] {1}, good.terms());
    DecideInput.Prepared y = prepared(1, 0, T0 + 5_000, "y", RATES + " Lagi.");
    Map<String, DecideInput.Prepared> byPosition = Map.of("0:0", w, "0:1", broken, "1:0", y);
    HeldRawLogEnds ends = new HeldRawLogEnds(2);
    for (DecideInput.Prepared p : List.of(w, broken, y)) {
      ends.append(new RawLogEnds.RawRecord(p.rawPartition(), p.rawOffset(), p.time(), null));
    }
    Preparer again = (raw, now) -> byPosition.get(raw.partition() + ":" + raw.offset());
    List<StateStore> stores = emptyStores();
    DecideProcessor first = new DecideProcessor(DecideProcessorTest::newIndex, ends, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> before = contextWith(stores);
    first.init(before);
    first.process(record(w));
    first.process(record(y));
    assertThatThrownBy(() -> first.process(record(broken))).isInstanceOf(FailedRecord.class);
    assertThat(keys(before)).isEmpty();

    first.close();
    DecideProcessor second = new DecideProcessor(DecideProcessorTest::newIndex, ends, again, GRACE);
    MockProcessorContext<String, EnrichedArticle> after = contextWith(stores);
    second.init(after);
    ends.catchUp();
    // one run dead-letters "broken" once and decides y, w; after the stop it fails again
    assertThatCode(() -> releaseDue(after)).doesNotThrowAnyException();
    assertThat(keys(after)).containsExactly("y", "w");
    // what kept it from being decided again is gone once nothing before it waits
    KeyValueStore<String, DecideInput> buffer =
        after.getStateStore(EnrichTopology.DECIDE_BUFFER_STORE);
    assertThat(buffer.approximateNumEntries()).isZero();
  }

  private static final Duration GRACE = Duration.ofMillis(200);

  /** Runs the release punctuation the processor scheduled (every 100 ms of wall-clock time). */
  private static void releaseDue(MockProcessorContext<String, EnrichedArticle> context) {
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(0);
  }

  private static List<String> keys(MockProcessorContext<String, EnrichedArticle> context) {
    return context.forwarded().stream().<String>map(f -> f.record().key()).toList();
  }

  private static List<StateStore> emptyStores() {
    return DecideStores.inMemory();
  }

  private static MockProcessorContext<String, EnrichedArticle> contextWith(
      List<StateStore> stores) {
    return DecideStores.context(stores, T0);
  }

  private static Map<String, Dedup> dedupById(
      MockProcessorContext<String, EnrichedArticle> context) {
    Map<String, Dedup> out = new HashMap<>();
    context.forwarded().forEach(f -> out.put(f.record().key(), f.record().value().dedup()));
    return out;
  }

  private static MockProcessorContext<String, EnrichedArticle> contextWithEmptyStores() {
    return contextWith(emptyStores());
  }

  private static Record<String, DecideInput> record(DecideInput.Prepared p) {
    return new Record<>(p.id(), p, p.time());
  }

  private DecideInput.Prepared prepared(
      int partition, long offset, long time, String id, String body) {
    Article article =
        new Article(
            Article.CURRENT_SCHEMA_VERSION,
            id,
            null,
            "kontan.co.id",
            "Judul " + id,
            body,
            "id",
            null,
            null,
            null,
            null,
            "test");
    EnrichedArticle enriched =
        new EnrichedArticle(
            EnrichedArticle.CURRENT_SCHEMA_VERSION,
            article,
            Text.sha256Hex(Text.normalize(body), 32),
            Dedup.original(id),
            List.of(),
            List.of(),
            Instant.ofEpochMilli(time));
    return new DecideInput.Prepared(
        partition,
        offset,
        time,
        enriched,
        index.signature(body),
        new StoryTerms("id", new String[0], new float[0]));
  }
}
