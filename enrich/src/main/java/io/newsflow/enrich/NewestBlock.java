package io.newsflow.enrich;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.WindowStore;

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

  /**
   * The blocks of one window store as a processor reads and extends them while handling one record:
   * each block is fetched at most once per record (the query's own bucket is read for the lookup,
   * then extended), and {@link #clear} starts the next record.
   *
   * @param <T> the value of an entry
   */
  public static final class Store<T> {
    private final WindowStore<String, NewestBlock<T>> store;
    private final long bucketMs;
    private final int capacity;
    private final Map<String, NewestBlock<T>> read = new HashMap<>();

    /**
     * @param bucketMs the length of a bucket (the store's timestamps are bucket starts)
     * @param capacity entries kept per block
     */
    public Store(WindowStore<String, NewestBlock<T>> store, long bucketMs, int capacity) {
      this.store = store;
      this.bucketMs = bucketMs;
      this.capacity = capacity;
    }

    /** Forgets the blocks read for the previous record. */
    public void clear() {
      read.clear();
    }

    /** The block of {@code key} in the bucket starting at {@code bucket}, or null when none. */
    public NewestBlock<T> get(String key, long bucket) {
      String id = key + '\u0000' + bucket;
      if (read.containsKey(id)) {
        return read.get(id);
      }
      NewestBlock<T> block = store.fetch(key, bucket);
      read.put(id, block);
      return block;
    }

    /** Adds {@code value} at {@code time} to the block of {@code key} in the bucket of the time. */
    public void add(String key, long time, T value) {
      long bucket = bucketOf(time, bucketMs);
      NewestBlock<T> block = get(key, bucket);
      NewestBlock<T> next =
          (block == null ? NewestBlock.<T>empty() : block).plus(time, value, capacity);
      read.put(key + '\u0000' + bucket, next);
      store.put(key, next, bucket);
    }
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
