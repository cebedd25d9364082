package io.newsflow.aggregate;

import io.newsflow.kit.Compact;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value of the {@code by-facet} repartition topic: the summed facet count changes of one commit
 * interval of one reading task whose facet keys all live in the partition the record is sent to
 * (the record's key is the first entry's facet key, so the default partitioning sends it there;
 * {@link FacetDeltaBuffer} groups them so). One record per partition and commit instead of one per
 * facet key and hour: an article names about 35 facet values.
 *
 * <p>{@link Compact} binary, read only by this app: the format byte, the marker {@value #BATCH},
 * the number of entries, the first entry's event time (8 bytes), then per entry the facet key
 * (UTF-8, varint length), mentions, stories and distinct stories (zig-zag varints: a story moving
 * out of an hour subtracts), the windows bits (one byte) and the event time as a varint difference
 * from the first. About 30 bytes an entry. Also read: the single {@link FacetDelta} the topic
 * carried before (the format byte, then a long whose first byte is 0x00 or 0xFF, never the marker;
 * its facet key is the record key and its time the record timestamp) and the {@link FacetCount}
 * JSON before that, so records left in flight by an older version are counted after an upgrade.
 *
 * @param entries the changes, in the order the combiner opened them
 */
public record FacetDeltas(List<Entry> entries) {
  /** Marker after the format byte that tells a batch from a single {@link FacetDelta}. */
  static final int BATCH = 0x42;

  /** Entries a record holds at most (about 60 KB), so a busy commit stays far below 1 MB. */
  static final int MAX_ENTRIES = 2_000;

  /**
   * Bytes a record holds at most, give or take one entry: long facet keys (entity names) fill a
   * record before {@link #MAX_ENTRIES} does.
   */
  static final int MAX_BYTES = 256 * 1024;

  /** An upper bound of an entry's bytes in a record. */
  static long sizeOf(Entry e) {
    return 3L * e.facetKey().length() + 40;
  }

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

  public static final Serde<FacetDeltas> SERDE = serde();

  private static Serde<FacetDeltas> serde() {
    Serde<FacetDeltas> batch = Compact.serde(FacetDeltas::write, FacetDeltas::read);
    Deserializer<FacetDelta> single = FacetDelta.SERDE.deserializer();
    Deserializer<FacetDeltas> de =
        (topic, data) -> {
          if (data == null) {
            return null;
          }
          if (data.length > 1 && data[0] == Compact.FORMAT && data[1] == BATCH) {
            return batch.deserializer().deserialize(topic, data);
          }
          return new FacetDeltas(List.of(new Entry(null, single.deserialize(topic, data), -1)));
        };
    return org.apache.kafka.common.serialization.Serdes.serdeFrom(batch.serializer(), de);
  }

  private static void write(DataOutputStream out, FacetDeltas value) throws IOException {
    out.writeByte(BATCH);
    Compact.writeVarLong(out, value.entries.size());
    long first = value.entries.isEmpty() ? 0 : value.entries.get(0).time();
    out.writeLong(first);
    for (Entry e : value.entries) {
      Compact.writeShortText(out, e.facetKey());
      FacetCount c = e.delta().count();
      Compact.writeVarLong(out, c.mentions());
      Compact.writeVarLong(out, c.stories());
      Compact.writeVarLong(out, c.distinctStories());
      out.writeByte(e.delta().windows());
      Compact.writeVarLong(out, e.time() - first);
    }
  }

  private static FacetDeltas read(DataInputStream in) throws IOException {
    if (in.readByte() != BATCH) {
      throw new IOException("not a by-facet batch");
    }
    long n = Compact.readVarLong(in);
    if (n < 0 || n > 10 * MAX_ENTRIES) {
      throw new IOException("malformed by-facet batch of " + n + " entries");
    }
    long first = in.readLong();
    List<Entry> entries = new ArrayList<>((int) n);
    for (int i = 0; i < n; i++) {
      String key = Compact.readShortText(in);
      FacetCount c =
          new FacetCount(Compact.readVarLong(in), Compact.readVarLong(in), Compact.readVarLong(in));
      int windows = in.readByte();
      entries.add(new Entry(key, new FacetDelta(c, windows), first + Compact.readVarLong(in)));
    }
    return new FacetDeltas(entries);
  }
}
