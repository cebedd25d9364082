package io.newsflow.enrich.decide;

import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.enrich.EnrichTopology;
import io.newsflow.kit.FailedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered decide step: the one task of the one-partition {@code decide-input} topic. It holds
 * each prepared article until every raw partition has passed its record time, then decides it
 * (exact copy, near copy, story: {@link DecisionIndex}) in the canonical order of {@link Order},
 * and emits it enriched.
 *
 * <p>The release rule. An article {@code a} is released once every raw partition p has passed it,
 * which p shows in one of two ways:
 *
 * <ul>
 *   <li>from the log: p delivered a record whose time is more than the reorder grace ({@code
 *       newsflow.enrich.order.grace}) after {@code a}'s, so timestamps that go backwards within one
 *       raw partition by less than the grace are still decided in order;
 *   <li>from its end: a {@linkplain RawLogEnds look-up} that started at least the grace after
 *       {@code a} arrived here found nothing in p beyond what was delivered. This compares
 *       wall-clock times of arrival and look-up only, never record times with the clock, so old
 *       timestamps (a replay) and timestamps ahead of the clock are decided alike.
 * </ul>
 *
 * An article that arrives after a later one (in the order) was decided is <em>late</em>: it is
 * decided at once against the articles before it in the order (it never becomes the original of one
 * already decided), and counted ({@code order-late-total}). Only late articles, and articles after
 * them in the order that were decided before they arrived, can be decided differently by two runs
 * of the same input; none is late unless a partition's timestamps go back by more than the grace,
 * or a record reaches the raw topic more than the grace after records sent after it were decided
 * (docs/ARCHITECTURE.md, the order rule).
 *
 * <p>The waiting articles are in memory only. When the task starts (a restart, a move to another
 * instance, or Kafka Streams reviving it in place), it reads each raw partition again from the
 * first waiting article's offset to where it had received ({@link RawLogEnds#read}), prepares those
 * records again ({@link Preparer}: the prepare step's work, deterministic but for the enrichment
 * time it stamps) and waits for those after the frontier: the others there were decided or
 * dead-lettered. Two kinds of record there are told apart by a mark instead (rare, kept in {@value
 * EnrichTopology#DECIDE_BUFFER_STORE} until pendingFrom passes them): a dead letter or an article
 * whose decision failed ({@code dead:}; not prepared again: validation against a later clock can
 * accept what the prepare step rejected as ahead of it, and a failed article would be dead-lettered
 * twice), and an article that waits while equal in (record time, id) to the frontier ({@code
 * equal:}; the frontier cannot tell it from the decided one). Under exactly-once the stores and the
 * decisions are committed together, so what is read again is exactly what was received and not
 * decided by the last commit. The raw topic's retention must keep records for as long as articles
 * wait (seconds, or while a raw partition is unreachable); a record gone by then is logged and
 * lost.
 *
 * <p>Stores:
 *
 * <ul>
 *   <li>{@value EnrichTopology#DECIDE_PROGRESS_STORE} (key-value, cached): key raw partition, value
 *       {@link Progress}: how far the partition was received, and from which offset its articles
 *       wait ({@link Progress#pendingFrom()}). Cached: one changelog record per partition and
 *       commit.
 *   <li>{@value EnrichTopology#DECIDE_BUFFER_STORE} (key-value, cached): the marks, key {@code
 *       dead:<raw partition>:<offset>} or {@code equal:...}, value the position as a {@link
 *       DecideInput.Skip}, deleted once the partition's pendingFrom passes them. Earlier versions
 *       kept each waiting article there (key {@code <partition>:<offset>}: its whole body, and a
 *       tombstone on release: two records and about 6 KB an article, since an article waits longer
 *       than a commit interval); what such a version left is taken over at the start and deleted.
 *   <li>{@value EnrichTopology#DECIDE_LOG_STORE} (window store, window start = record time,
 *       retention twice the longer of dedup horizon and story window): key article id, value its
 *       {@link Decided} entry, the one durable record per article, from which {@link DecisionIndex}
 *       is rebuilt when the task starts.
 * </ul>
 */
public final class DecideProcessor
    implements Processor<String, DecideInput, String, EnrichedArticle> {
  private static final Logger LOG = LoggerFactory.getLogger(DecideProcessor.class);
  static final Duration RELEASE_EVERY = Duration.ofMillis(100);

  /** Buffer order: record time, article id, then raw position (unique). */
  static final Comparator<DecideInput.Prepared> ORDER =
      Comparator.comparingLong(DecideInput.Prepared::time)
          .thenComparing(DecideInput.Prepared::id)
          .thenComparingInt(DecideInput.Prepared::rawPartition)
          .thenComparingLong(DecideInput.Prepared::rawOffset);

  private final Supplier<DecisionIndex> newIndex;
  private final RawLogEnds ends;
  private final Preparer preparer;
  private DecisionIndex index;
  private final long graceMs;

  /** Waiting articles in the order, with the wall-clock time each arrived. */
  private final TreeMap<DecideInput.Prepared, Long> waiting = new TreeMap<>(ORDER);

  private final Map<Integer, Progress> progress = new HashMap<>();

  /** Per raw partition, the offsets of its waiting articles ({@link Progress#pendingFrom()}). */
  private final Map<Integer, TreeSet<Long>> pending = new HashMap<>();

  /**
   * Offsets in a pending range (at or after their partition's {@link Progress#pendingFrom()}) not
   * to be prepared again when the task starts: dead letters (their Skip markers) and articles whose
   * decision failed. Preparing again can come to another outcome (validation against a later
   * clock), and deciding again would emit or dead-letter them a second time.
   */
  private Marks dead;

  /**
   * Waiting articles equal in (record time, id) to the frontier: the start tells the records there
   * that were decided from those that wait by the frontier, and cannot for an equal one.
   */
  private Marks equal;

  private ProcessorContext<String, EnrichedArticle> context;
  private KeyValueStore<String, DecideInput> buffer;
  private KeyValueStore<Integer, Progress> progressStore;
  private WindowStore<String, Decided> log;

  /** The latest (record time, id) decided: an article before it arrives late. */
  private long frontierTime = Long.MIN_VALUE;

  private String frontierId = "";
  private Sensor originals;
  private Sensor exactCopies;
  private Sensor nearCopies;
  private Sensor resends;
  private Sensor late;
  private Sensor storyOpened;
  private Sensor storyJoined;
  private Sensor storyCopies;

  /**
   * @param newIndex a new, empty index: one is made at every {@link #init}
   * @param ends the raw topic: where its partitions end, and its records read again at a start
   * @param preparer prepares again the articles read again
   */
  public DecideProcessor(
      Supplier<DecisionIndex> newIndex, RawLogEnds ends, Preparer preparer, Duration grace) {
    this.newIndex = newIndex;
    this.ends = ends;
    this.preparer = preparer;
    this.graceMs = grace.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, EnrichedArticle> context) {
    this.context = context;
    this.buffer = context.getStateStore(EnrichTopology.DECIDE_BUFFER_STORE);
    this.progressStore = context.getStateStore(EnrichTopology.DECIDE_PROGRESS_STORE);
    this.log = context.getStateStore(EnrichTopology.DECIDE_LOG_STORE);
    this.dead = new Marks("dead:");
    this.equal = new Marks("equal:");
    var metrics = context.metrics();
    originals = sensor(metrics, "dedup", "original");
    exactCopies = sensor(metrics, "dedup", "exact-copy");
    nearCopies = sensor(metrics, "dedup", "near-copy");
    resends = sensor(metrics, "dedup", "resend-dropped");
    late = sensor(metrics, "order", "order-late");
    storyOpened = sensor(metrics, "story", "story-opened");
    storyJoined = sensor(metrics, "story", "story-joined");
    storyCopies = sensor(metrics, "story", "story-copy-joined");
    restore(context.currentSystemTimeMs());
    ends.start();
    progress.forEach((p, pr) -> ends.delivered(p, pr.next()));
    context.schedule(RELEASE_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> release());
  }

  private static Sensor sensor(
      org.apache.kafka.streams.StreamsMetrics metrics, String entity, String name) {
    return metrics.addRateTotalSensor(
        EnrichTopology.METRICS_SCOPE, entity, name, Sensor.RecordingLevel.INFO);
  }

  /**
   * The index from the log (in the order), the waiting articles and progress from their stores.
   * Nothing in memory is kept from before: Kafka Streams initialises the same processor again when
   * it revives a task in place (a {@code TaskCorruptedException}: under exactly-once, a commit or
   * send that timed out), after wiping its stores and restoring them to the last commit; what the
   * aborted transaction decided is then read and decided again, and must not be found as a re-send
   * nor move the frontier (DecideProcessorTest).
   */
  private void restore(long now) {
    index = newIndex.get();
    waiting.clear();
    pending.clear();
    progress.clear();
    frontierTime = Long.MIN_VALUE;
    frontierId = "";
    List<Decided> entries = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, Decided> it = log.all()) {
      it.forEachRemaining(kv -> entries.add(kv.value));
    }
    entries.sort(Comparator.comparingLong(Decided::time).thenComparing(Decided::id));
    for (Decided d : entries) {
      index.add(d);
      advanceFrontier(d.time(), d.id());
    }
    try (KeyValueIterator<Integer, Progress> it = progressStore.all()) {
      it.forEachRemaining(kv -> progress.put(kv.key, kv.value));
    }
    // Articles an earlier version kept in the buffer: taken over once, then the buffer is empty.
    List<String> taken = new ArrayList<>();
    try (KeyValueIterator<String, DecideInput> it = buffer.all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.key.startsWith(dead.prefix)) {
              dead.restore(kv.value);
            } else if (kv.key.startsWith(equal.prefix)) {
              equal.restore(kv.value);
            } else {
              taken.add(kv.key);
              wait((DecideInput.Prepared) kv.value, now);
            }
          });
    }
    taken.forEach(k -> buffer.put(k, null));
    // The articles received but not decided when the task stopped: read again from the raw topic
    // and prepared again. Those after the frontier are the ones that waited; the others there were
    // decided (released in the order, or late), or went to the dead-letter topic.
    int read = 0;
    for (Map.Entry<Integer, Progress> e : new ArrayList<>(progress.entrySet())) {
      int partition = e.getKey();
      Progress pr = e.getValue();
      if (pr.pendingFrom() >= pr.next()) {
        continue;
      }
      for (RawLogEnds.RawRecord raw : ends.read(partition, pr.pendingFrom(), pr.next())) {
        read++;
        if (dead.has(partition, raw.offset())) {
          continue;
        }
        DecideInput.Prepared p = preparer.prepare(raw, now);
        if (p == null || waiting.containsKey(p)) {
          continue;
        }
        int c = Order.compare(p.time(), p.id(), frontierTime, frontierId);
        if (c > 0 || (c == 0 && equal.has(partition, raw.offset()))) {
          wait(p, now);
        }
      }
    }
    // Every partition with articles waiting, those taken over from the buffer included (their
    // progress, of an earlier version, says nothing pending): else a second stop before they are
    // released would lose them, the buffer being emptied.
    Set<Integer> partitions = new TreeSet<>(progress.keySet());
    partitions.addAll(pending.keySet());
    partitions.forEach(this::notePending);
    if (read > 0 || !taken.isEmpty()) {
      LOG.info(
          "decide step started with {} articles waiting: {} raw records read again, {} taken over"
              + " from decide-buffer",
          waiting.size(),
          read,
          taken.size());
    }
  }

  /** Holds {@code p} until every raw partition has passed it (it arrived at {@code now}). */
  private void wait(DecideInput.Prepared p, long now) {
    waiting.put(p, now);
    pending.computeIfAbsent(p.rawPartition(), k -> new TreeSet<>()).add(p.rawOffset());
  }

  /** Writes where the partition's waiting articles begin into its progress. */
  private void notePending(int partition) {
    TreeSet<Long> offsets = pending.get(partition);
    Progress before = progress.getOrDefault(partition, Progress.NONE);
    Progress after = before.pending(offsets == null || offsets.isEmpty() ? -1 : offsets.first());
    if (!after.equals(before)) {
      progress.put(partition, after);
      progressStore.put(partition, after);
    }
    forgetPassed(partition);
  }

  /** Forgets the partition's marks that its pendingFrom has passed. */
  private void forgetPassed(int partition) {
    long from = progress.getOrDefault(partition, Progress.NONE).pendingFrom();
    dead.forgetBelow(partition, from);
    equal.forgetBelow(partition, from);
  }

  @Override
  public void process(Record<String, DecideInput> record) {
    DecideInput in = record.value();
    Progress before = progress.getOrDefault(in.rawPartition(), Progress.NONE);
    Progress after = before.advance(in.rawOffset(), in.time());
    if (in instanceof DecideInput.Prepared p
        && Order.compare(p.time(), p.id(), frontierTime, frontierId) >= 0) {
      // it waits: the partition's pending offsets begin at it at the latest
      wait(p, context.currentSystemTimeMs());
      after = after.pending(pending.get(p.rawPartition()).first());
    }
    progress.put(in.rawPartition(), after);
    progressStore.put(in.rawPartition(), after);
    forgetPassed(in.rawPartition());
    if (in instanceof DecideInput.Skip) {
      dead.note(in);
    } else if (in instanceof DecideInput.Prepared p
        && Order.compare(p.time(), p.id(), frontierTime, frontierId) == 0) {
      equal.note(in);
    }
    ends.delivered(in.rawPartition(), after.next());
    if (in instanceof DecideInput.Prepared p && !waiting.containsKey(p)) {
      late.record();
      decide(p);
    }
    release();
  }

  /** Decides, in order, every waiting article that every raw partition has passed. */
  private void release() {
    RawLogEnds.Observation seen = ends.latest();
    if (seen == null || waiting.isEmpty()) {
      return;
    }
    int n = seen.partitions();
    long[] passedBelow = new long[n];
    boolean[] atEnd = new boolean[n];
    for (int p = 0; p < n; p++) {
      Progress pr = progress.get(p);
      long max = pr == null ? Long.MIN_VALUE : pr.maxTime();
      passedBelow[p] = max < Long.MIN_VALUE + graceMs ? Long.MIN_VALUE : max - graceMs;
      atEnd[p] = seen.caughtUp(p, pr == null ? 0 : pr.next());
    }
    while (!waiting.isEmpty()) {
      Map.Entry<DecideInput.Prepared, Long> head = waiting.firstEntry();
      long time = head.getKey().time();
      long arrived = head.getValue();
      boolean endSeenLater =
          seen.wallClockMs() == Long.MAX_VALUE
              || (arrived < Long.MAX_VALUE - graceMs && seen.wallClockMs() >= arrived + graceMs);
      for (int p = 0; p < n; p++) {
        if (!(time < passedBelow[p] || (atEnd[p] && endSeenLater))) {
          return;
        }
      }
      waiting.pollFirstEntry();
      DecideInput.Prepared p = head.getKey();
      pending.get(p.rawPartition()).remove(p.rawOffset());
      notePending(p.rawPartition());
      equal.forget(p);
      // p becomes the frontier: the articles equal to it that still wait are marked so
      for (DecideInput.Prepared next : waiting.keySet()) {
        if (Order.compare(next.time(), next.id(), p.time(), p.id()) != 0) {
          break;
        }
        equal.note(next);
      }
      decide(p);
    }
  }

  private void advanceFrontier(long time, String id) {
    if (Order.compare(time, id, frontierTime, frontierId) > 0) {
      frontierTime = time;
      frontierId = id;
    }
  }

  /**
   * Decides one article, naming it in the exception when that fails: the processing exception
   * handler then dead-letters this article (its raw coordinates, its id and article JSON), not the
   * record the task was handed. The state stays consistent: a failed article has stopped waiting
   * (its offset is no longer pending) and moved the frontier (it counts as decided, so no later
   * article waits for it), and the durable log is written before the in-memory index, which is
   * rebuilt from the log on restart. Kafka Streams' own task signals (a fenced producer's {@code
   * TaskMigratedException}) pass through unwrapped ({@link FailedRecord#of}): the task is closed
   * and its state restored.
   */
  private void decide(DecideInput.Prepared p) {
    try {
      decideOne(p);
    } catch (RuntimeException e) {
      RuntimeException failed =
          FailedRecord.of(
              ArticleTopics.RAW.name(),
              p.rawPartition(),
              p.rawOffset(),
              p.id().getBytes(StandardCharsets.UTF_8),
              articleJson(p),
              e);
      if (failed instanceof FailedRecord) {
        // dead-lettered by the handler: not to be decided again when the task starts
        dead.note(p);
      }
      throw failed;
    }
  }

  private static byte[] articleJson(DecideInput.Prepared p) {
    try {
      return ArticleTopics.RAW.valueSerde().serializer().serialize(null, p.article().article());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void decideOne(DecideInput.Prepared p) {
    advanceFrontier(p.time(), p.id());
    EnrichedArticle article = p.article();
    DecisionIndex.Decision d =
        index.decide(p.id(), p.time(), article.contentHash(), p.signature(), p.terms());
    if (d.resend()) {
      resends.record();
      return;
    }
    switch (d.dedup().verdict()) {
      case ORIGINAL -> originals.record();
      case EXACT -> exactCopies.record();
      case NEAR -> nearCopies.record();
    }
    switch (d.storyKind()) {
      case COPY -> storyCopies.record();
      case JOINED -> storyJoined.record();
      case OPENED -> storyOpened.record();
      case NONE -> {}
    }
    Decided entry = d.entry(p.id(), p.time(), article.contentHash(), p.signature(), p.terms());
    log.put(p.id(), entry, p.time());
    index.add(entry);
    context.forward(
        new Record<>(p.id(), article.withDedup(d.dedup()).withStoryId(d.storyId()), p.time()));
  }

  @Override
  public void close() {
    ends.close();
  }

  /**
   * Raw offsets in a pending range that the start treats apart, kept in {@value
   * EnrichTopology#DECIDE_BUFFER_STORE} (key {@code <prefix><partition>:<offset>}, value the
   * position as a {@link DecideInput.Skip}) until the partition's pendingFrom passes them. Rare: a
   * dead letter, a failed decision, an article equal to the frontier.
   */
  private final class Marks {
    final String prefix;
    private final Map<Integer, TreeSet<Long>> offsets = new HashMap<>();

    Marks(String prefix) {
      this.prefix = prefix;
    }

    private String key(int partition, long offset) {
      return prefix + partition + ":" + offset;
    }

    /** Marks the position of {@code in}, if it lies where the task would read again. */
    void note(DecideInput in) {
      Progress pr = progress.get(in.rawPartition());
      if (pr == null || in.rawOffset() < pr.pendingFrom() || in.rawOffset() >= pr.next()) {
        return;
      }
      if (offsets.computeIfAbsent(in.rawPartition(), k -> new TreeSet<>()).add(in.rawOffset())) {
        buffer.put(
            key(in.rawPartition(), in.rawOffset()),
            new DecideInput.Skip(in.rawPartition(), in.rawOffset(), in.time()));
      }
    }

    /** A mark read back from the store at the start. */
    void restore(DecideInput in) {
      offsets.computeIfAbsent(in.rawPartition(), k -> new TreeSet<>()).add(in.rawOffset());
    }

    boolean has(int partition, long offset) {
      TreeSet<Long> set = offsets.get(partition);
      return set != null && set.contains(offset);
    }

    void forget(DecideInput in) {
      TreeSet<Long> set = offsets.get(in.rawPartition());
      if (set != null && set.remove(in.rawOffset())) {
        buffer.put(key(in.rawPartition(), in.rawOffset()), null);
      }
    }

    void forgetBelow(int partition, long from) {
      TreeSet<Long> set = offsets.get(partition);
      while (set != null && !set.isEmpty() && set.first() < from) {
        buffer.put(key(partition, set.pollFirst()), null);
      }
    }
  }
}
