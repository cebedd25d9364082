package io.newsflow.enrich.decide;

import io.newsflow.kit.Compact;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;

/**
 * How far the decide step has received one raw partition: the value of the {@code decide-progress}
 * store (key: raw partition).
 *
 * @param next the next raw offset expected (one past the last received)
 * @param maxTime the greatest record time received from it
 * @param pendingFrom the lowest raw offset of an article received but not decided yet ({@code next}
 *     when none waits): after a restart the decide step reads the raw partition again from there to
 *     {@code next} and prepares those articles again, instead of keeping each waiting article in a
 *     store (see {@link DecideProcessor})
 */
public record Progress(long next, long maxTime, long pendingFrom) {
  /** Three longs; reads the two of earlier versions (nothing pending: their buffer held it). */
  public static final Serde<Progress> SERDE = Compact.serde(Progress::write, Progress::read);

  /** Nothing received yet. */
  static final Progress NONE = new Progress(0, Long.MIN_VALUE, 0);

  /** After receiving {@code offset} at {@code time}; what is pending is set apart. */
  Progress advance(long offset, long time) {
    long n = Math.max(next, offset + 1);
    return new Progress(n, Math.max(maxTime, time), pendingFrom == next ? n : pendingFrom);
  }

  /** With {@code from} as the lowest pending offset, or none pending ({@code -1}). */
  Progress pending(long from) {
    return new Progress(next, maxTime, from < 0 ? next : from);
  }

  private static void write(DataOutputStream out, Progress p) throws IOException {
    out.writeLong(p.next);
    out.writeLong(p.maxTime);
    out.writeLong(p.pendingFrom);
  }

  private static Progress read(DataInputStream in) throws IOException {
    long next = in.readLong();
    long maxTime = in.readLong();
    long pendingFrom = in.available() >= 8 ? in.readLong() : next;
    return new Progress(next, maxTime, pendingFrom);
  }
}
