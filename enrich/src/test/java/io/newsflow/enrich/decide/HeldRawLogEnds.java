package io.newsflow.enrich.decide;

import java.util.Map;

/**
 * {@link RawLogEnds} for {@code TopologyTestDriver} runs that want the decide step's order: while
 * held, no raw partition counts as caught up, so the decide step keeps every article; after {@link
 * #catchUp()}, the next wall-clock punctuation releases them all in the order (record time, id).
 */
public final class HeldRawLogEnds implements RawLogEnds {
  private volatile Observation latest = held();

  private static Observation held() {
    return new Observation(Long.MIN_VALUE, 1, Map.of(0, Long.MAX_VALUE));
  }

  /** Every raw partition delivered to its end, at the end of time. */
  public void catchUp() {
    latest = new Observation(Long.MAX_VALUE, 1, Map.of());
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
}
