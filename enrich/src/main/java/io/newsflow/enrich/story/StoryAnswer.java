package io.newsflow.enrich.story;

import io.newsflow.enrich.Compact;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * One index partition's answer to a {@link StoryQuery}: the value of the internal {@code
 * story-answers} topic, routed back to {@link #replyPartition()}.
 *
 * @param articleId the article being assigned
 * @param replyPartition where it waits
 * @param fromPartition the index partition that answered
 * @param matches earlier articles sharing terms with it there, with the partial dot products
 */
public record StoryAnswer(
    String articleId, int replyPartition, int fromPartition, List<Match> matches) {
  public static final Serde<StoryAnswer> SERDE =
      Compact.serde(StoryAnswer::write, StoryAnswer::read);

  /**
   * An article of the index that shares terms with the query on one partition.
   *
   * @param articleId the indexed article
   * @param time its record time
   * @param storyId its story, null while it is still being decided
   * @param language its base language
   * @param dotIndependent dot product of the shared language-independent terms on this partition
   * @param dotLexical same for lexical terms
   * @param normIndependent its squared norm of language-independent terms
   * @param normLexical its squared norm of lexical terms
   */
  public record Match(
      String articleId,
      long time,
      String storyId,
      String language,
      float dotIndependent,
      float dotLexical,
      float normIndependent,
      float normLexical) {
    static void write(DataOutputStream out, Match m) throws IOException {
      out.writeUTF(m.articleId);
      out.writeLong(m.time);
      Compact.writeString(out, m.storyId);
      out.writeUTF(m.language);
      out.writeFloat(m.dotIndependent);
      out.writeFloat(m.dotLexical);
      out.writeFloat(m.normIndependent);
      out.writeFloat(m.normLexical);
    }

    static Match read(DataInputStream in) throws IOException {
      return new Match(
          in.readUTF(),
          in.readLong(),
          Compact.readString(in),
          in.readUTF(),
          in.readFloat(),
          in.readFloat(),
          in.readFloat(),
          in.readFloat());
    }
  }

  private static void write(DataOutputStream out, StoryAnswer a) throws IOException {
    out.writeUTF(a.articleId);
    out.writeShort(a.replyPartition);
    out.writeShort(a.fromPartition);
    out.writeShort(a.matches.size());
    for (Match m : a.matches) {
      Match.write(out, m);
    }
  }

  private static StoryAnswer read(DataInputStream in) throws IOException {
    String id = in.readUTF();
    int reply = in.readShort();
    int from = in.readShort();
    int n = in.readShort();
    List<Match> matches = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      matches.add(Match.read(in));
    }
    return new StoryAnswer(id, reply, from, matches);
  }
}
