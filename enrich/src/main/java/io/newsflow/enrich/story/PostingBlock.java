package io.newsflow.enrich.story;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * A value of the {@code story-postings} store (key: term; the window store's timestamp: the start
 * of a time bucket one story window long): the newest articles of that bucket that have the term,
 * newest first, at most a fixed number. One block per term and bucket is read with a point lookup
 * and rewritten when an article is indexed, instead of one store entry per posting read back with a
 * range scan (a RocksDB iterator per store segment, stepped backwards: the costliest step of the
 * story stage when each posting was its own entry).
 *
 * @param entries newest first (by record time; of equal times, the last indexed first)
 */
public record PostingBlock(List<Entry> entries) {
  public static final Serde<PostingBlock> SERDE =
      Compact.serde(PostingBlock::write, PostingBlock::read);
  public static final PostingBlock EMPTY = new PostingBlock(List.of());

  /**
   * One article with the term.
   *
   * @param time the article's record time
   * @param posting the article and the term's weight in it
   */
  public record Entry(long time, Posting posting) {}

  public PostingBlock {
    entries = List.copyOf(entries);
  }

  /** The start of the bucket {@code time} falls in, for buckets {@code bucketMs} long. */
  public static long bucketOf(long time, long bucketMs) {
    return Math.floorDiv(time, bucketMs) * bucketMs;
  }

  /**
   * This block with {@code posting} at {@code time} added in order, keeping the newest {@code
   * capacity} entries.
   */
  public PostingBlock plus(long time, Posting posting, int capacity) {
    List<Entry> out = new ArrayList<>(Math.min(entries.size() + 1, capacity));
    boolean added = false;
    for (Entry e : entries) {
      if (!added && time >= e.time()) {
        out.add(new Entry(time, posting));
        added = true;
      }
      if (out.size() < capacity) {
        out.add(e);
      }
    }
    if (!added && out.size() < capacity) {
      out.add(new Entry(time, posting));
    }
    return new PostingBlock(out.subList(0, Math.min(out.size(), capacity)));
  }

  private static void write(DataOutputStream out, PostingBlock b) throws IOException {
    out.writeShort(b.entries.size());
    for (Entry e : b.entries) {
      out.writeLong(e.time());
      Posting.write(out, e.posting());
    }
  }

  private static PostingBlock read(DataInputStream in) throws IOException {
    int n = in.readUnsignedShort();
    List<Entry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      entries.add(new Entry(in.readLong(), Posting.read(in)));
    }
    return new PostingBlock(entries);
  }
}
