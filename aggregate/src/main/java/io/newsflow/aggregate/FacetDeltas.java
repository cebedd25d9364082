package io.newsflow.aggregate;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The value of the {@code by-facet} repartition topic: the summed facet count changes of one commit
 * interval of one reading task whose facet keys all live in the partition the record is sent to
 * (the record's key is the first entry's facet key, so the default partitioning sends it there;
 * {@link FacetDeltaBuffer} groups them so). One record per partition and commit instead of one per
 * facet key and hour: an article names about 35 facet values.
 *
 * <p>Binary, read only by this app: format byte {@value #FORMAT}, the number of entries, the first
 * entry's event time (8 bytes), then per entry the facet key (UTF-8, length-prefixed), mentions,
 * stories and distinct stories (zig-zag varints: a story moving out of an hour subtracts), the
 * windows bits (one byte) and the event time as a zig-zag varint difference from the first. About
 * 30 bytes an entry. Also read: the single {@link FacetDelta} the topic carried before (format byte
 * 1, its facet key being the record key and its time the record timestamp) and the {@link
 * FacetCount} JSON before that, so records left in flight by an older version are counted after an
 * upgrade.
 *
 * @param entries the changes, in the order the combiner opened them
 */
public record FacetDeltas(List<Entry> entries) {
  /** Format byte of a batch (the single {@link FacetDelta} has {@code Compact.FORMAT}, 1). */
  static final int FORMAT = 2;

  /** Entries a record holds at most (about 60 KB), so a busy commit stays far below 1 MB. */
  static final int MAX_ENTRIES = 2_000;

  /**
   * One summed change.
   *
   * @param facetKey {@code facet|value}; null in a record of an older version: the record's key
   * @param delta the change and the windows it counts in
   * @param time event time of its first change; -1 in a record of an older version: the record's
   *     timestamp
   */
  public record Entry(String facetKey, FacetDelta delta, long time) {}

  public FacetDeltas {
    entries = List.copyOf(entries);
  }

  public static final Serde<FacetDeltas> SERDE =
      Serdes.serdeFrom(FacetDeltas::serialize, deserializer());

  private static byte[] serialize(String topic, FacetDeltas value) {
    if (value == null) {
      return null;
    }
    Out out = new Out(16 + 32 * value.entries.size());
    out.write(FORMAT);
    out.varLong(value.entries.size());
    long first = value.entries.isEmpty() ? 0 : value.entries.get(0).time();
    out.fixedLong(first);
    for (Entry e : value.entries) {
      byte[] key = e.facetKey().getBytes(StandardCharsets.UTF_8);
      out.varLong(key.length);
      out.write(key, 0, key.length);
      FacetCount c = e.delta().count();
      out.zigZag(c.mentions());
      out.zigZag(c.stories());
      out.zigZag(c.distinctStories());
      out.write(e.delta().windows());
      out.zigZag(e.time() - first);
    }
    return out.toByteArray();
  }

  private static Deserializer<FacetDeltas> deserializer() {
    Deserializer<FacetDelta> single = FacetDelta.SERDE.deserializer();
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      if (data.length == 0 || data[0] != FORMAT) {
        return new FacetDeltas(List.of(new Entry(null, single.deserialize(topic, data), -1)));
      }
      ByteBuffer in = ByteBuffer.wrap(data);
      in.get();
      int n = (int) varLong(in);
      long first = in.getLong();
      List<Entry> entries = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int length = (int) varLong(in);
        String key = new String(data, in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        FacetCount c = new FacetCount(zigZag(in), zigZag(in), zigZag(in));
        int windows = in.get();
        entries.add(new Entry(key, new FacetDelta(c, windows), first + zigZag(in)));
      }
      return new FacetDeltas(entries);
    };
  }

  private static long varLong(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
      if (shift > 63) {
        throw new IllegalStateException("malformed varint in a by-facet record");
      }
    }
  }

  private static long zigZag(ByteBuffer in) {
    long v = varLong(in);
    return (v >>> 1) ^ -(v & 1);
  }

  /** A growing byte array with the varint writes this format needs. */
  private static final class Out extends ByteArrayOutputStream {
    Out(int size) {
      super(size);
    }

    void varLong(long v) {
      while ((v & ~0x7fL) != 0) {
        write((int) ((v & 0x7f) | 0x80));
        v >>>= 7;
      }
      write((int) v);
    }

    void zigZag(long v) {
      varLong((v << 1) ^ (v >> 63));
    }

    void fixedLong(long v) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        write((int) (v >>> shift));
      }
    }
  }
}
