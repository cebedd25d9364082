package io.newsflow.app.system;

import io.newsflow.analysis.near.MinHasher;
import io.newsflow.analysis.near.NearConfig;
import io.newsflow.contracts.Article;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The order in which a corpus is streamed: in <em>levels</em>, an article's level one more than the
 * highest level of any earlier article it is similar to (at or above the near-copy threshold, by
 * the same code on the same signature), each level sent once the previous one is completely
 * enriched. Enrich's decisions do not depend on this (the order rule, docs/ARCHITECTURE.md; {@code
 * DeterminismIT} sends everything at once); the levels pace the stream so that faults land while
 * every kind of decision is in flight, and keep the run comparable with earlier ones.
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
