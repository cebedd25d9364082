package io.newsflow.enrich.decide;

import io.newsflow.analysis.story.StoryTerms;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.kit.Compact;
import io.newsflow.kit.InternalSerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;

/**
 * A record of the internal {@code decide-input} topic (one partition): what the parallel prepare
 * step sends the ordered decide step for every record of {@code news.articles.raw}, in the raw
 * partition's offset order. Every raw record yields exactly one, so the decide step can tell how
 * far each raw partition has been delivered ({@link #rawPartition()}, {@link #rawOffset()}).
 */
public sealed interface DecideInput {
  /** The raw partition the record was read from. */
  int rawPartition();

  /** Its offset there. */
  long rawOffset();

  /** Its record timestamp: the order key, with the article id. */
  long time();

  /**
   * A valid article, annotated, with what the decision needs.
   *
   * @param article the enriched article, its {@code dedup} and {@code storyId} still to be decided
   * @param signature MinHash signature of the body
   * @param terms story terms ({@link io.newsflow.analysis.story.StoryFeatures})
   */
  record Prepared(
      int rawPartition,
      long rawOffset,
      long time,
      EnrichedArticle article,
      int[] signature,
      StoryTerms terms)
      implements DecideInput {
    public String id() {
      return article.id();
    }
  }

  /** A raw record that went to the dead-letter topic: it only moves its partition's progress on. */
  record Skip(int rawPartition, long rawOffset, long time) implements DecideInput {}

  InternalSerde<EnrichedArticle> ARTICLE = new InternalSerde<>(EnrichedArticle.class);

  /** Binary: a kind byte, the position, then for an article its features and its Smile bytes. */
  Serde<DecideInput> SERDE = Compact.serde(DecideInput::write, DecideInput::read);

  private static void write(DataOutputStream out, DecideInput in) throws IOException {
    out.writeBoolean(in instanceof Prepared);
    out.writeInt(in.rawPartition());
    out.writeLong(in.rawOffset());
    out.writeLong(in.time());
    if (in instanceof Prepared p) {
      Compact.writeInts(out, p.signature());
      writeTerms(out, p.terms());
      Compact.writeBytes(out, ARTICLE.serializer().serialize(null, p.article()));
    }
  }

  private static DecideInput read(DataInputStream in) throws IOException {
    boolean prepared = in.readBoolean();
    int partition = in.readInt();
    long offset = in.readLong();
    long time = in.readLong();
    if (!prepared) {
      return new Skip(partition, offset, time);
    }
    int[] signature = Compact.readInts(in);
    StoryTerms terms = readTerms(in);
    EnrichedArticle article = ARTICLE.deserializer().deserialize(null, Compact.readBytes(in));
    return new Prepared(partition, offset, time, article, signature, terms);
  }

  static void writeTerms(DataOutputStream out, StoryTerms t) throws IOException {
    Compact.writeText(out, t.language());
    out.writeInt(t.terms().length);
    for (int i = 0; i < t.terms().length; i++) {
      Compact.writeText(out, t.terms()[i]);
      out.writeFloat(t.weights()[i]);
    }
  }

  static StoryTerms readTerms(DataInputStream in) throws IOException {
    String language = Compact.readText(in);
    int n = in.readInt();
    String[] terms = new String[n];
    float[] weights = new float[n];
    for (int i = 0; i < n; i++) {
      terms[i] = Compact.readText(in);
      weights[i] = in.readFloat();
    }
    return new StoryTerms(language, terms, weights);
  }
}
