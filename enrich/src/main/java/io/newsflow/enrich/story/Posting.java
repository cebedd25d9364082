package io.newsflow.enrich.story;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;

/**
 * A value of the {@code story-index} store (key: term; the window store's timestamp is the
 * article's record time): one article that has the term.
 *
 * @param articleId the article
 * @param weight the term's weight in it
 * @param language its base language
 * @param normIndependent squared norm of its language-independent terms
 * @param normLexical squared norm of its lexical terms
 */
public record Posting(
    String articleId, float weight, String language, float normIndependent, float normLexical) {
  public static final Serde<Posting> SERDE = Compact.serde(Posting::write, Posting::read);

  private static void write(DataOutputStream out, Posting p) throws IOException {
    out.writeUTF(p.articleId);
    out.writeFloat(p.weight);
    out.writeUTF(p.language);
    out.writeFloat(p.normIndependent);
    out.writeFloat(p.normLexical);
  }

  private static Posting read(DataInputStream in) throws IOException {
    return new Posting(in.readUTF(), in.readFloat(), in.readUTF(), in.readFloat(), in.readFloat());
  }
}
