package io.newsflow.enrich.story;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One article that has a term, in a {@link PostingBlock} of the {@code story-postings} store.
 *
 * @param articleId the article
 * @param weight the term's weight in it
 * @param language its base language
 * @param normIndependent squared norm of its language-independent terms
 * @param normLexical squared norm of its lexical terms
 */
public record Posting(
    String articleId, float weight, String language, float normIndependent, float normLexical) {
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
