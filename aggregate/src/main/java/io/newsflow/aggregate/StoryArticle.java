package io.newsflow.aggregate;

import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
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
 * @param copy a syndicated copy: adds an article to the story, not an original
 * @param facetKeys the article's distinct facet keys ({@link Facet#keysOf}), in order
 */
public record StoryArticle(String articleId, String title, boolean copy, List<String> facetKeys) {
  public StoryArticle {
    facetKeys = List.copyOf(facetKeys);
  }

  public static StoryArticle of(EnrichedArticle a) {
    return new StoryArticle(
        a.id(),
        a.article().title(),
        a.dedup().isCopy(),
        new ArrayList<>(new LinkedHashSet<>(Facet.keysOf(a))));
  }

  /**
   * {@link Compact} binary; reads the {@code EnrichedArticle} JSON that the topic carried before
   * (records still in flight when an older version stopped).
   */
  public static final Serde<StoryArticle> SERDE = serde();

  private static Serde<StoryArticle> serde() {
    Deserializer<EnrichedArticle> json = EnrichTopics.ENRICHED.valueSerde().deserializer();
    return Compact.serde(
        StoryArticle::write,
        StoryArticle::read,
        (topic, data) -> data == null ? null : of(json.deserialize(topic, data)));
  }

  private static void write(DataOutputStream out, StoryArticle v) throws IOException {
    Compact.writeText(out, v.articleId);
    Compact.writeText(out, v.title);
    out.writeBoolean(v.copy);
    out.writeInt(v.facetKeys.size());
    for (String k : v.facetKeys) {
      Compact.writeText(out, k);
    }
  }

  private static StoryArticle read(DataInputStream in) throws IOException {
    String id = Compact.readText(in);
    String title = Compact.readText(in);
    boolean copy = in.readBoolean();
    int n = in.readInt();
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(Compact.readText(in));
    }
    return new StoryArticle(id, title, copy, keys);
  }
}
