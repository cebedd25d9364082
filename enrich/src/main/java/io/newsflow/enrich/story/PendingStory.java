package io.newsflow.enrich.story;

import io.newsflow.common.InternalSerde;
import io.newsflow.enrich.Compact;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A value of the {@code story-pending} store (key: article id): the progress of an article waiting
 * for the answers of the index partitions it queried. The article and the copies of it that arrive
 * meanwhile wait in {@code story-parked}, written once each, so an answer never rewrites them.
 *
 * @param articleId the article
 * @param time its record time
 * @param language its base language
 * @param normIndependent squared norm of its language-independent terms
 * @param normLexical squared norm of its lexical terms
 * @param partitions the index partitions queried (one answer expected from each)
 * @param answered the partitions that have answered
 * @param matches the matches so far, by article id, dot products summed over the answers
 * @param createdAtMs wall-clock time the queries went out (for the stale-entry sweep)
 */
public record PendingStory(
    String articleId,
    long time,
    String language,
    float normIndependent,
    float normLexical,
    List<Integer> partitions,
    List<Integer> answered,
    Map<String, StoryAnswer.Match> matches,
    long createdAtMs) {
  /**
   * Compact binary (an article waiting on three partitions holds up to 300 matches, read and
   * rewritten per answer: as Smile through Jackson this was a tenth of the enrich thread); values
   * written as Smile or JSON by earlier versions are still read.
   */
  static final Serde<PendingStory> SERDE =
      Compact.serde(
          PendingStory::write,
          PendingStory::read,
          new InternalSerde<>(PendingStory.class).deserializer());

  public PendingStory {
    partitions = List.copyOf(partitions);
    answered = answered == null ? List.of() : List.copyOf(answered);
    matches = matches == null ? Map.of() : Map.copyOf(matches);
  }

  private static void write(DataOutputStream out, PendingStory p) throws IOException {
    out.writeUTF(p.articleId);
    out.writeLong(p.time);
    out.writeUTF(p.language);
    out.writeFloat(p.normIndependent);
    out.writeFloat(p.normLexical);
    writeShorts(out, p.partitions);
    writeShorts(out, p.answered);
    out.writeInt(p.matches.size());
    for (StoryAnswer.Match m : p.matches.values()) {
      StoryAnswer.Match.write(out, m);
    }
    out.writeLong(p.createdAtMs);
  }

  private static PendingStory read(DataInputStream in) throws IOException {
    String id = in.readUTF();
    long time = in.readLong();
    String language = in.readUTF();
    float normIndependent = in.readFloat();
    float normLexical = in.readFloat();
    List<Integer> partitions = readShorts(in);
    List<Integer> answered = readShorts(in);
    int n = in.readInt();
    Map<String, StoryAnswer.Match> matches = new HashMap<>(Math.max(4, n * 2));
    for (int i = 0; i < n; i++) {
      StoryAnswer.Match m = StoryAnswer.Match.read(in);
      matches.put(m.articleId(), m);
    }
    return new PendingStory(
        id,
        time,
        language,
        normIndependent,
        normLexical,
        partitions,
        answered,
        matches,
        in.readLong());
  }

  private static void writeShorts(DataOutputStream out, List<Integer> values) throws IOException {
    out.writeShort(values.size());
    for (int v : values) {
      out.writeShort(v);
    }
  }

  private static List<Integer> readShorts(DataInputStream in) throws IOException {
    int n = in.readUnsignedShort();
    List<Integer> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add((int) in.readShort());
    }
    return values;
  }

  PendingStory withAnswer(int partition, Map<String, StoryAnswer.Match> merged) {
    List<Integer> a = new java.util.ArrayList<>(answered);
    a.add(partition);
    return new PendingStory(
        articleId,
        time,
        language,
        normIndependent,
        normLexical,
        partitions,
        a,
        merged,
        createdAtMs);
  }
}
