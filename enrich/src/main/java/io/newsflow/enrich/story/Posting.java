package io.newsflow.enrich.story;

import io.newsflow.enrich.NewestBlock;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;

/**
 * One article that has a term, in a block ({@link io.newsflow.enrich.NewestBlock}) of the {@code
 * story-postings} store.
 *
 * @param articleId the article
 * @param weight the term's weight in it
 * @param language its base language
 * @param normIndependent squared norm of its language-independent terms
 * @param normLexical squared norm of its lexical terms
 */
public record Posting(
    String articleId, float weight, String language, float normIndependent, float normLexical) {
  /** Blocks of postings, the values of the {@code story-postings} store. */
  public static final Serde<NewestBlock<Posting>> BLOCK_SERDE =
      NewestBlock.serde(Posting::write, Posting::read);

  static void write(DataOutputStream out, Posting p) throws IOException {
    out.writeUTF(p.articleId);
    out.writeFloat(p.weight);
    out.writeUTF(p.language);
    out.writeFloat(p.normIndependent);
    out.writeFloat(p.normLexical);
  }

  static Posting read(DataInputStream in) throws IOException {
    return new Posting(in.readUTF(), in.readFloat(), in.readUTF(), in.readFloat(), in.readFloat());
  }
}
