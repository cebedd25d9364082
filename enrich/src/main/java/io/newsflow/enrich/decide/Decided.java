package io.newsflow.enrich.decide;

import io.newsflow.analysis.story.StoryTerms;
import io.newsflow.contracts.Verdict;
import io.newsflow.kit.Compact;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;

/**
 * One decided article as the decide step remembers it: the value of the {@code decide-log} store
 * (key article id, window start its record time), the only durable entry per article. The in-memory
 * {@link DecisionIndex} is rebuilt from these on restore.
 *
 * @param id the article
 * @param time its record time
 * @param contentHash hash of its normalised body
 * @param verdict original, exact or near copy
 * @param canonicalId the original it copies (its own id when original)
 * @param similarity estimated similarity to the original (1 for originals and exact copies)
 * @param storyId its story
 * @param signature MinHash signature: originals only (copies are never candidates), else null
 * @param terms story terms: originals only, else null
 */
public record Decided(
    String id,
    long time,
    String contentHash,
    Verdict verdict,
    String canonicalId,
    double similarity,
    String storyId,
    int[] signature,
    StoryTerms terms) {

  public boolean isOriginal() {
    return verdict == Verdict.ORIGINAL;
  }

  public static final Serde<Decided> SERDE = Compact.serde(Decided::write, Decided::read);

  private static void write(DataOutputStream out, Decided d) throws IOException {
    Compact.writeText(out, d.id);
    out.writeLong(d.time);
    Compact.writeText(out, d.contentHash);
    out.writeByte(d.verdict.ordinal());
    Compact.writeText(out, d.canonicalId.equals(d.id) ? null : d.canonicalId);
    out.writeDouble(d.similarity);
    Compact.writeText(out, d.storyId.equals(d.id) ? null : d.storyId);
    Compact.writeInts(out, d.signature);
    out.writeBoolean(d.terms != null);
    if (d.terms != null) {
      DecideInput.writeTerms(out, d.terms);
    }
  }

  private static Decided read(DataInputStream in) throws IOException {
    String id = Compact.readText(in);
    long time = in.readLong();
    String hash = Compact.readText(in);
    Verdict verdict = Verdict.values()[in.readByte()];
    String canonical = Compact.readText(in);
    double similarity = in.readDouble();
    String story = Compact.readText(in);
    int[] signature = Compact.readInts(in);
    StoryTerms terms = in.readBoolean() ? DecideInput.readTerms(in) : null;
    return new Decided(
        id,
        time,
        hash,
        verdict,
        canonical == null ? id : canonical,
        similarity,
        story == null ? id : story,
        signature,
        terms);
  }
}
