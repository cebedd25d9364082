package io.newsflow.aggregate;

import io.newsflow.contracts.JsonSerde;
import io.newsflow.kit.Compact;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * A change to a facet key's counts, summed over the articles of one commit interval that fell into
 * one hour, and the windows it counts in: an entry of a {@code by-facet} record ({@link
 * FacetDeltas}), and the whole value of the records that topic carried before (key: facet key;
 * record timestamp: an event time within the change's hour), still read after an upgrade.
 *
 * <p>Which windows is decided before the hop, by {@link FacetDeltaCombiner}, with the rule the
 * windowed counts apply (a window is closed once stream time has passed its end plus the grace
 * period): a change too late for its hour but not for its day counts in the day and all-time, one
 * too late for both in all-time only. An hour window ends no later than its day's, so the three
 * classes nest: {@link #EVERY}, {@link #ALL} + {@link #DAY}, {@link #ALL}.
 *
 * @param count the change (mentions, stories, distinct stories)
 * @param windows bit set of {@link #ALL}, {@link #DAY}, {@link #HOUR}
 */
public record FacetDelta(FacetCount count, int windows) {
  public static final int ALL = 1;
  public static final int DAY = 2;
  public static final int HOUR = 4;
  public static final int EVERY = ALL | DAY | HOUR;

  /** Whether this change counts in {@code window}'s store. */
  public boolean countsIn(Window window) {
    return (windows & bit(window)) != 0;
  }

  private static int bit(Window window) {
    return switch (window) {
      case ALL -> ALL;
      case DAY -> DAY;
      case HOUR -> HOUR;
    };
  }

  /**
   * The windows a change at event time {@code time} counts in when the stream time is {@code
   * streamTime}: the rule of Kafka Streams' windowed aggregation (a window {@code [start, end)}
   * takes a record while {@code end > streamTime - grace}).
   */
  public static int windowsFor(long time, long streamTime, Duration grace) {
    long closeTime = streamTime - grace.toMillis();
    int windows = ALL;
    if (isOpen(time, Window.DAY, closeTime)) {
      windows |= DAY;
      if (isOpen(time, Window.HOUR, closeTime)) {
        windows |= HOUR;
      }
    }
    return windows;
  }

  /**
   * Whether the {@code window} holding event time {@code time} still takes changes when stream time
   * minus the grace period is {@code closeTime}: Kafka Streams' rule, {@code end > closeTime}.
   */
  static boolean isOpen(long time, Window window, long closeTime) {
    return end(time, window) > closeTime;
  }

  /** Start of the tumbling (epoch-aligned) {@code window} that holds event time {@code time}. */
  public static long start(long time, Window window) {
    long size = window.size().toMillis();
    return Math.floorDiv(time, size) * size;
  }

  private static long end(long time, Window window) {
    return start(time, window) + window.size().toMillis();
  }

  /**
   * {@link Compact} binary (format byte, three longs, the window bits: 26 bytes); reads the {@link
   * FacetCount} JSON the topic carried before as a change for every window (the windowed counts
   * then apply their grace period to it, as they did).
   */
  public static final Serde<FacetDelta> SERDE = serde();

  private static Serde<FacetDelta> serde() {
    Deserializer<FacetCount> json = new JsonSerde<>(FacetCount.class).deserializer();
    return Compact.serde(
        FacetDelta::write,
        FacetDelta::read,
        (topic, data) ->
            data == null ? null : new FacetDelta(json.deserialize(topic, data), EVERY));
  }

  private static void write(DataOutputStream out, FacetDelta v) throws IOException {
    out.writeLong(v.count.mentions());
    out.writeLong(v.count.stories());
    out.writeLong(v.count.distinctStories());
    out.writeByte(v.windows);
  }

  private static FacetDelta read(DataInputStream in) throws IOException {
    FacetCount count = new FacetCount(in.readLong(), in.readLong(), in.readLong());
    return new FacetDelta(count, in.readByte());
  }
}
