package io.newsflow.aggregate;

import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Verdict;
import io.newsflow.kit.Compact;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * What story counting needs of an article: the value of the {@code by-story} repartition topic
 * (key: story id; the record timestamp is the article's event time). Sending this instead of the
 * whole enriched article (about 6 KB) is what keeps the hop small.
 *
 * @param articleId the article (listed in its story's summary, first {@value StorySummary#MAX_IDS})
 * @param title its title (the story's title when it is the story's first article)
 * @param verdict original, exact or near copy; a copy adds an article to the story, not an
 *     original. Null for a copy read from a record of the first binary layout, which did not tell
 *     exact from near
 * @param originalId the original a copy copies (null for an original, and for a copy read from a
 *     record written before the original was carried)
 * @param facetKeys the article's distinct facet keys ({@link Facet#keysOf}), in order: the outlet
 *     and language the story view shows are read off them
 */
public record StoryArticle(
    String articleId, String title, Verdict verdict, String originalId, List<String> facetKeys) {
  public StoryArticle {
    facetKeys = List.copyOf(facetKeys);
  }

  /** A syndicated copy (exact or near). */
  public boolean copy() {
    return verdict != Verdict.ORIGINAL;
  }

  public static StoryArticle of(EnrichedArticle a) {
    boolean copy = a.dedup().isCopy();
    return new StoryArticle(
        a.id(),
        a.article().title(),
        a.dedup().verdict(),
        copy ? a.dedup().canonicalId() : null,
        new ArrayList<>(new LinkedHashSet<>(Facet.keysOf(a))));
  }

  /** The value of facet {@code facet} among the facet keys (outlet, language), or null. */
  public String facetValue(Facet facet) {
    String prefix = facet.id() + "|";
    for (String k : facetKeys) {
      if (k.startsWith(prefix)) {
        return k.substring(prefix.length());
      }
    }
    return null;
  }

  /**
   * {@link Compact} binary; reads the {@code EnrichedArticle} JSON that the topic carried before
   * (records still in flight when an older version stopped).
   */
  public static final Serde<StoryArticle> SERDE = serde();

  /**
   * The byte after the title: 0 or 1 in the first binary layout (the copy flag: original or copy,
   * facet keys next); {@code KIND | verdict ordinal} since the verdict and the original are carried
   * (the original's id follows for a copy).
   */
  private static final int KIND = 0x10;

  private static Serde<StoryArticle> serde() {
    Deserializer<EnrichedArticle> json = EnrichTopics.ENRICHED.valueSerde().deserializer();
    return Compact.serde(
        StoryArticle::write,
        StoryArticle::read,
        (topic, data) -> data == null ? null : of(json.deserialize(topic, data)));
  }

  static void write(DataOutputStream out, StoryArticle v) throws IOException {
    Compact.writeText(out, v.articleId);
    Compact.writeText(out, v.title);
    // A copy of unknown kind (read from the first layout) is written back in that layout's terms.
    out.writeByte(v.verdict == null ? 1 : KIND | v.verdict.ordinal());
    if (v.verdict != null && v.copy()) {
      Compact.writeText(out, v.originalId);
    }
    out.writeInt(v.facetKeys.size());
    for (String k : v.facetKeys) {
      Compact.writeText(out, k);
    }
  }

  static StoryArticle read(DataInputStream in) throws IOException {
    String id = Compact.readText(in);
    String title = Compact.readText(in);
    int kind = in.readUnsignedByte();
    Verdict verdict;
    String original = null;
    if ((kind & KIND) != 0) {
      verdict = Verdict.values()[kind & ~KIND];
      if (verdict != Verdict.ORIGINAL) {
        original = Compact.readText(in);
      }
    } else {
      // The first layout had the copy flag only: an exact or a near copy is not told apart.
      verdict = kind == 0 ? Verdict.ORIGINAL : null;
    }
    int n = in.readInt();
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(Compact.readText(in));
    }
    return new StoryArticle(id, title, verdict, original, keys);
  }
}
