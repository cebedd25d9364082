package io.newsflow.enrich.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link RawLogEnds} for {@code TopologyTestDriver} runs that want the decide step's order: while
 * held, no raw partition counts as caught up, so the decide step keeps every article; after {@link
 * #catchUp()}, the next wall-clock punctuation releases them all in the order (record time, id).
 */
public final class HeldRawLogEnds implements RawLogEnds {
  private final int partitions;
  private volatile Observation latest;

  /** One raw partition. */
  public HeldRawLogEnds() {
    this(1);
  }

  /** {@code partitions} raw partitions, held alike. */
  public HeldRawLogEnds(int partitions) {
    this.partitions = partitions;
    latest = held();
  }

  private Observation held() {
    Map<Integer, Long> ends = new java.util.HashMap<>();
    for (int p = 0; p < partitions; p++) {
      ends.put(p, Long.MAX_VALUE);
    }
    return new Observation(Long.MIN_VALUE, partitions, Map.copyOf(ends));
  }

  /** Every raw partition delivered to its end, at the end of time. */
  public void catchUp() {
    latest = new Observation(Long.MAX_VALUE, partitions, Map.of());
  }

  /** Back to holding. */
  public void hold() {
    latest = held();
  }

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

  private final Map<Integer, List<RawRecord>> log = new java.util.HashMap<>();

  /** Appends a record to raw partition {@code raw.partition()}, for {@link #read}. */
  public void append(RawRecord raw) {
    log.computeIfAbsent(raw.partition(), p -> new ArrayList<>()).add(raw);
  }

  /** The records {@link #append}ed in the range, in offset order; none if none was. */
  @Override
  public List<RawRecord> read(int partition, long from, long to) {
    reads++;
    return log.getOrDefault(partition, List.of()).stream()
        .filter(r -> r.offset() >= from && r.offset() < to)
        .sorted(java.util.Comparator.comparingLong(RawRecord::offset))
        .toList();
  }

  private int reads;

  /** How many times {@link #read} was called. */
  public int reads() {
    return reads;
  }
}
