package io.newsflow.deploy.system;

import io.newsflow.enrich.near.MinHasher;
import io.newsflow.enrich.near.NearConfig;
import io.newsflow.ingest.Article;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The order in which a corpus is streamed so that every verdict is the same in any run, faults or
 * none.
 *
 * <p>Enrich judges an article against the articles already indexed when its query arrives; two
 * similar articles in flight together race (docs/SYNDICATION.md, "known limit"), and the outcome of
 * such a race depends on timing, which faults change. Only pairs at or above the near-copy
 * threshold can influence each other's verdict (a candidate below it is dropped; exact copies have
 * similarity 1; the similarity is computed here by the same code on the same signature, so "at or
 * above" is the same test, bit for bit). So the corpus is cut into <em>levels</em>: an article's
 * level is one more than the highest level of any earlier article it is similar to. No two articles
 * of a level are similar; each level is sent only once the previous one is completely enriched.
 * Within that order every decision sees the same candidates, and the verdicts are a function of the
 * corpus alone.
 *
 * <p>Timestamps (ingest time, the record time) increase strictly in stream order, {@code step}
 * apart, so that every tie-break on time is the same and a later article never looks older. Start
 * near the wall clock: the brokers' time-based retention (7 days by default) deletes segments whose
 * records are older than that, right away.
 */
public final class StreamPlan {
  private final List<List<Article>> levels;

  private StreamPlan(List<List<Article>> levels) {
    this.levels = levels;
  }

  public static StreamPlan of(List<Article> corpus, NearConfig near, Instant start, Duration step) {
    MinHasher hasher = new MinHasher(near.shingleSize(), near.permutations());
    int n = corpus.size();
    int[][] signatures = new int[n][];
    int[] level = new int[n];
    int depth = 0;
    for (int i = 0; i < n; i++) {
      signatures[i] = hasher.signature(corpus.get(i).body());
      for (int j = 0; j < i; j++) {
        if (level[j] + 1 > level[i]
            && MinHasher.similarity(signatures[i], signatures[j]) >= near.threshold()) {
          level[i] = level[j] + 1;
        }
      }
      depth = Math.max(depth, level[i] + 1);
    }
    List<List<Article>> levels = new ArrayList<>();
    for (int l = 0; l < depth; l++) {
      levels.add(new ArrayList<>());
    }
    long t = 0;
    for (int l = 0; l < depth; l++) {
      for (int i = 0; i < n; i++) {
        if (level[i] == l) {
          levels.get(l).add(corpus.get(i).withIngestedAt(start.plus(step.multipliedBy(t++))));
        }
      }
    }
    return new StreamPlan(levels.stream().map(List::copyOf).toList());
  }

  public List<List<Article>> levels() {
    return levels;
  }

  public int articles() {
    return levels.stream().mapToInt(List::size).sum();
  }

  public List<String> ids() {
    return levels.stream().flatMap(List::stream).map(Article::id).toList();
  }
}
