package io.newsflow.enrich;

/**
 * A closed interval of record times, in milliseconds: what a duplicate lookup searches.
 *
 * @param from first time, never below 0
 * @param to last time, never past {@link Long#MAX_VALUE}
 */
public record TimeSpan(long from, long to) {

  /** {@code time} plus and minus {@code radiusMs}, clamped instead of overflowing. */
  public static TimeSpan around(long time, long radiusMs) {
    return new TimeSpan(
        Math.max(0, time - radiusMs),
        time > Long.MAX_VALUE - radiusMs ? Long.MAX_VALUE : time + radiusMs);
  }
}
