package io.newsflow.enrich.story;

import io.newsflow.enrich.Compact;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;

/**
 * One article's request to one partition of the story index: the value of the internal {@code
 * story-queries} topic, routed to {@link #targetPartition()}. It carries all of the article's terms
 * that live on that partition, so an article sends at most one query per partition.
 *
 * @param articleId the article being assigned
 * @param time its record time
 * @param replyPartition the partition of {@code story-answers} where it waits
 * @param targetPartition the index partition this query is for
 * @param language the article's base language
 * @param normIndependent squared norm of its language-independent terms (all partitions)
 * @param normLexical squared norm of its lexical terms (all partitions)
 * @param terms its terms on {@code targetPartition}
 * @param weights their weights
 */
public record StoryQuery(
    String articleId,
    long time,
    int replyPartition,
    int targetPartition,
    String language,
    float normIndependent,
    float normLexical,
    String[] terms,
    float[] weights)
    implements StoryStep {
  public static final Serde<StoryQuery> SERDE = Compact.serde(StoryQuery::write, StoryQuery::read);

  private static void write(DataOutputStream out, StoryQuery q) throws IOException {
    out.writeUTF(q.articleId);
    out.writeLong(q.time);
    out.writeShort(q.replyPartition);
    out.writeShort(q.targetPartition);
    out.writeUTF(q.language);
    out.writeFloat(q.normIndependent);
    out.writeFloat(q.normLexical);
    out.writeShort(q.terms.length);
    for (int i = 0; i < q.terms.length; i++) {
      out.writeUTF(q.terms[i]);
      out.writeFloat(q.weights[i]);
    }
  }

  private static StoryQuery read(DataInputStream in) throws IOException {
    String id = in.readUTF();
    long time = in.readLong();
    int reply = in.readShort();
    int target = in.readShort();
    String language = in.readUTF();
    float ni = in.readFloat();
    float nl = in.readFloat();
    int n = in.readShort();
    String[] terms = new String[n];
    float[] weights = new float[n];
    for (int i = 0; i < n; i++) {
      terms[i] = in.readUTF();
      weights[i] = in.readFloat();
    }
    return new StoryQuery(id, time, reply, target, language, ni, nl, terms, weights);
  }
}
