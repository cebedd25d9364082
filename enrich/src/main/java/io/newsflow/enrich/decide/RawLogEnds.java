package io.newsflow.enrich.decide;

import java.util.List;
import java.util.Map;

/**
 * Where each partition of {@code news.articles.raw} ends, as last looked up: what lets the decide
 * step release articles when a raw partition has nothing more to deliver (an idle partition would
 * otherwise hold everything back). The lookup only moves decisions earlier or later in wall-clock
 * time; which articles come before which is fixed by the records (see {@link Order}).
 *
 * <p>The decide step reports how far it has received each raw partition ({@link #delivered}); a
 * look-up at wall-clock time {@code t} that finds nothing left after that point lets the decide
 * step treat the partition as having passed {@code t} (minus the reorder grace).
 */
public interface RawLogEnds extends AutoCloseable {

  /**
   * One look-up.
   *
   * @param wallClockMs when it started: every record appended to the raw topic before this time is
   *     below {@code ends}
   * @param partitions partition count of the raw topic
   * @param ends per partition, the offset where its data records end (after the last one, marker
   *     records of transactions not counted when the look-up could tell)
   */
  record Observation(long wallClockMs, int partitions, Map<Integer, Long> ends) {
    /**
     * True when a partition delivered up to {@code next} has nothing more from before the look-up.
     */
    public boolean caughtUp(int partition, long next) {
      return next >= ends.getOrDefault(partition, 0L);
    }
  }

  /** Starts looking up (idempotent): the decide task calls it when it is assigned. */
  void start();

  /** The decide step has received raw {@code partition} up to {@code nextOffset} (exclusive). */
  void delivered(int partition, long nextOffset);

  /** The latest look-up, or null before the first. */
  Observation latest();

  /** Stops looking up when the last user closes. */
  @Override
  void close();

  /** A record of the raw topic, as read again. */
  record RawRecord(int partition, long offset, long timestamp, byte[] value) {}

  /**
   * Reads raw {@code partition} again from offset {@code from} up to {@code to} (exclusive): the
   * records there, in offset order (read_committed; a record no longer in the topic is missing).
   * The decide step calls it when its task starts, for the articles it had received but not decided
   * ({@link Progress#pendingFrom()}); it blocks until done.
   *
   * @throws IllegalStateException when the records cannot be read
   */
  List<RawRecord> read(int partition, long from, long to);

  /**
   * For {@code TopologyTestDriver}, which processes each piped record to the end before the next is
   * piped: one raw partition, always caught up, at the end of time. The decide step then decides
   * every record as it arrives, in the order piped.
   */
  static RawLogEnds synchronous() {
    Observation always = new Observation(Long.MAX_VALUE, 1, Map.of());
    return new RawLogEnds() {
      @Override
      public void start() {}

      @Override
      public void delivered(int partition, long nextOffset) {}

      @Override
      public Observation latest() {
        return always;
      }

      @Override
      public void close() {}

      @Override
      public List<RawRecord> read(int partition, long from, long to) {
        // Nothing waits past a record here, so nothing is ever pending when a task starts.
        throw new IllegalStateException(
            "no raw log to read partition " + partition + " again from " + from + " to " + to);
      }
    };
  }
}
