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
 */
public record Progress(long next, long maxTime) {
  public static final Serde<Progress> SERDE = Compact.serde(Progress::write, Progress::read);

  Progress advance(long offset, long time) {
    return new Progress(Math.max(next, offset + 1), Math.max(maxTime, time));
  }

  private static void write(DataOutputStream out, Progress p) throws IOException {
    out.writeLong(p.next);
    out.writeLong(p.maxTime);
  }

  private static Progress read(DataInputStream in) throws IOException {
    return new Progress(in.readLong(), in.readLong());
  }
}
