package io.newsflow.enrich;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * A value of an index window store (the LSH band index, the story postings): for one key and one
 * time bucket (the window store's timestamp is the bucket's start), the newest entries, newest
 * first, at most a fixed number. One block per key and bucket is read with a point lookup and
 * rewritten when an entry is added, instead of one store entry per value read back with a range
 * scan: a range scan opens a RocksDB iterator per store segment, which was the costliest step of
 * the band and story lookups when each value was its own entry.
 *
 * @param entries newest first (by record time; of equal times, the last added first)
 * @param <T> the value of an entry
 */
public record NewestBlock<T>(List<Entry<T>> entries) {

  /**
   * One value with its record time.
   *
   * @param time the record time of the article the value stands for
   * @param value the value
   * @param <T> its type
   */
  public record Entry<T>(long time, T value) {}

  public NewestBlock {
    entries = List.copyOf(entries);
  }

  public static <T> NewestBlock<T> empty() {
    return new NewestBlock<>(List.of());
  }

  /** The start of the bucket {@code time} falls in, for buckets {@code bucketMs} long. */
  public static long bucketOf(long time, long bucketMs) {
    return Math.floorDiv(time, bucketMs) * bucketMs;
  }

  /**
   * This block with {@code value} at {@code time} added in order, keeping the newest {@code
   * capacity} entries.
   */
  public NewestBlock<T> plus(long time, T value, int capacity) {
    List<Entry<T>> out = new ArrayList<>(Math.min(entries.size() + 1, capacity));
    boolean added = false;
    for (Entry<T> e : entries) {
      if (out.size() == capacity) {
        break;
      }
      if (!added && time >= e.time()) {
        out.add(new Entry<>(time, value));
        added = true;
        if (out.size() == capacity) {
          break;
        }
      }
      out.add(e);
    }
    if (!added && out.size() < capacity) {
      out.add(new Entry<>(time, value));
    }
    return new NewestBlock<>(out);
  }

  /** The serde of blocks whose values {@code writer} and {@code reader} encode. */
  public static <T> Serde<NewestBlock<T>> serde(
      Compact.Writer<T> writer, Compact.Reader<T> reader) {
    return Compact.serde(
        (DataOutputStream out, NewestBlock<T> b) -> {
          out.writeInt(b.entries.size());
          for (Entry<T> e : b.entries) {
            out.writeLong(e.time());
            writer.write(out, e.value());
          }
        },
        (DataInputStream in) -> {
          int n = in.readInt();
          List<Entry<T>> entries = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            entries.add(new Entry<>(in.readLong(), reader.read(in)));
          }
          return new NewestBlock<>(entries);
        });
  }

  /** For {@link #serde}: a string value. */
  public static void writeString(DataOutputStream out, String value) throws IOException {
    out.writeUTF(value);
  }

  /** For {@link #serde}: a string value. */
  public static String readString(DataInputStream in) throws IOException {
    return in.readUTF();
  }
}
