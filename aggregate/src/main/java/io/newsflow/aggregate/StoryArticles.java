package io.newsflow.aggregate;

import io.newsflow.kit.Compact;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The value of the {@code by-story} repartition topic: the articles of one commit interval of one
 * reading task whose stories all live in the partition the record is sent to (the record's key is
 * the first entry's story id, so the default partitioning sends it there; {@link StoryBatchBuffer}
 * groups them so). One record per partition and commit instead of one per article.
 *
 * <p>{@link Compact} binary, read only by this app: the format byte, the marker {@value
 * #BATCH_INGESTED}, the number of entries, the first entry's event time (8 bytes), then per entry
 * the story id (UTF-8, varint length), the event time as a varint difference from the first, the
 * ingest time (0 when unknown, else 1 + the zig-zag varint of its difference from the event time),
 * and the {@link StoryArticle} fields. Also read: batches of the marker {@value #BATCH}, written
 * before the ingest time was carried (the same without it), and the single {@link StoryArticle} the
 * topic carried before them (the format byte, then a 4-byte length whose first byte is 0x00 or
 * 0xFF, never the marker; its story id is the record key and its time the record timestamp), so
 * records left in flight by an older version are counted after an upgrade.
 *
 * @param entries the articles, in the order the reading task read them
 */
public record StoryArticles(List<Entry> entries) {
  /** Marker after the format byte of a batch without ingest times (an earlier version's). */
  static final int BATCH = 0x53;

  /** Marker after the format byte of a batch (not a single {@link StoryArticle}). */
  static final int BATCH_INGESTED = 0x54;

  /** Entries a record holds at most, so a busy commit stays far below 1 MB. */
  static final int MAX_ENTRIES = 2_000;

  /** Bytes a record holds at most, give or take one entry. */
  static final int MAX_BYTES = 256 * 1024;

  /** An upper bound of an entry's bytes in a record. */
  static long sizeOf(Entry e) {
    StoryArticle a = e.article();
    long chars = e.storyId().length() + a.articleId().length() + 20;
    chars += a.title() == null ? 0 : a.title().length();
    chars += a.originalId() == null ? 0 : a.originalId().length();
    for (String k : a.facetKeys()) {
      chars += k.length() + 4;
    }
    return 3 * chars + 40; // the 20 chars above and the 40 cover every length, time and flag
  }

  /**
   * One article.
   *
   * @param storyId its story; null in a record of an older version: the record's key
   * @param time its event time; -1 in a record of an older version: the record's timestamp
   * @param ingested its ingest time ({@code ingestedAt}, epoch milliseconds); -1 when unknown (a
   *     record of an older version)
   * @param article what story counting reads of it
   */
  public record Entry(String storyId, long time, long ingested, StoryArticle article) {
    /** An entry whose ingest time is unknown. */
    public Entry(String storyId, long time, StoryArticle article) {
      this(storyId, time, -1, article);
    }
  }

  public StoryArticles {
    entries = List.copyOf(entries);
  }

  public static final Serde<StoryArticles> SERDE = serde();

  private static Serde<StoryArticles> serde() {
    Serde<StoryArticles> batch = Compact.serde(StoryArticles::write, StoryArticles::read);
    Deserializer<StoryArticle> single = StoryArticle.SERDE.deserializer();
    Deserializer<StoryArticles> de =
        (topic, data) -> {
          if (data == null) {
            return null;
          }
          if (data.length > 1
              && data[0] == Compact.FORMAT
              && (data[1] == BATCH || data[1] == BATCH_INGESTED)) {
            return batch.deserializer().deserialize(topic, data);
          }
          return new StoryArticles(List.of(new Entry(null, -1, single.deserialize(topic, data))));
        };
    return Serdes.serdeFrom(batch.serializer(), de);
  }

  private static void write(DataOutputStream out, StoryArticles value) throws IOException {
    out.writeByte(BATCH_INGESTED);
    Compact.writeVarLong(out, value.entries.size());
    long first = value.entries.isEmpty() ? 0 : value.entries.get(0).time();
    out.writeLong(first);
    for (Entry e : value.entries) {
      Compact.writeShortText(out, e.storyId());
      Compact.writeVarLong(out, e.time() - first);
      if (e.ingested() < 0) {
        Compact.writeVarLong(out, 0);
      } else {
        long d = e.ingested() - e.time();
        Compact.writeVarLong(out, 1 + ((d << 1) ^ (d >> 63)));
      }
      StoryArticle.write(out, e.article());
    }
  }

  private static StoryArticles read(DataInputStream in) throws IOException {
    int marker = in.readByte();
    if (marker != BATCH && marker != BATCH_INGESTED) {
      throw new IOException("not a by-story batch");
    }
    long n = Compact.readVarLong(in);
    if (n < 0 || n > 10 * MAX_ENTRIES) {
      throw new IOException("malformed by-story batch of " + n + " entries");
    }
    long first = in.readLong();
    List<Entry> entries = new ArrayList<>((int) n);
    for (int i = 0; i < n; i++) {
      String story = Compact.readShortText(in);
      long time = first + Compact.readVarLong(in);
      long ingested = -1;
      if (marker == BATCH_INGESTED) {
        long z = Compact.readVarLong(in);
        if (z != 0) {
          ingested = time + (((z - 1) >>> 1) ^ -((z - 1) & 1));
        }
      }
      entries.add(new Entry(story, time, ingested, StoryArticle.read(in)));
    }
    return new StoryArticles(entries);
  }
}
