package io.newsflow.enrich.story;

import io.newsflow.enrich.TimeSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The story index, on the partition a term belongs to: for a {@link StoryQuery}, reads the newest
 * postings of each of its terms within the story window, sums the partial dot products per indexed
 * article, answers with the best {@value #MAX_MATCHES}, then indexes the query's own article.
 *
 * <p>Stores (window stores; window = the story window, retention = twice that):
 *
 * <ul>
 *   <li>{@value StoryTopology#INDEX_STORE}: key term, value {@link Posting}; duplicates retained
 *       (many articles share a term). Written at query time, so an article still being decided is
 *       already found by the next one.
 *   <li>{@value StoryTopology#ASSIGNMENTS_STORE}: key article id, value story id, written by {@link
 *       StoryUpdateProcessor} once the article's story is decided.
 * </ul>
 */
final class StoryLookupProcessor implements Processor<String, StoryQuery, String, StoryAnswer> {
  static final int MAX_MATCHES = 100;

  private final long windowMs;
  private final int postingsPerTerm;
  private ProcessorContext<String, StoryAnswer> context;
  private WindowStore<String, Posting> index;
  private WindowStore<String, String> assignments;

  StoryLookupProcessor(StoryConfig config) {
    this.windowMs = config.window().toMillis();
    this.postingsPerTerm = config.postingsPerTerm();
  }

  @Override
  public void init(ProcessorContext<String, StoryAnswer> context) {
    this.context = context;
    this.index = context.getStateStore(StoryTopology.INDEX_STORE);
    this.assignments = context.getStateStore(StoryTopology.ASSIGNMENTS_STORE);
  }

  private static final class Acc {
    final long time;
    final Posting posting;
    double dotIndependent;
    double dotLexical;

    Acc(long time, Posting posting) {
      this.time = time;
      this.posting = posting;
    }
  }

  @Override
  public void process(Record<String, StoryQuery> record) {
    StoryQuery q = record.value();
    TimeSpan span = TimeSpan.around(q.time(), windowMs);
    Map<String, Acc> found = new HashMap<>();
    for (int i = 0; i < q.terms().length; i++) {
      String term = q.terms()[i];
      boolean lexical = StoryTerms.lexical(term);
      int read = 0;
      try (WindowStoreIterator<Posting> it = index.backwardFetch(term, span.from(), span.to())) {
        while (it.hasNext() && read < postingsPerTerm) {
          KeyValue<Long, Posting> kv = it.next();
          read++;
          if (kv.value.articleId().equals(q.articleId())) {
            continue;
          }
          Acc acc = found.computeIfAbsent(kv.value.articleId(), id -> new Acc(kv.key, kv.value));
          double product = (double) q.weights()[i] * kv.value.weight();
          if (lexical) {
            acc.dotLexical += product;
          } else {
            acc.dotIndependent += product;
          }
        }
      }
    }
    List<Acc> best = new ArrayList<>(found.values());
    best.sort(
        Comparator.comparingDouble((Acc a) -> -(a.dotIndependent + a.dotLexical))
            .thenComparing(a -> a.posting.articleId()));
    List<StoryAnswer.Match> matches = new ArrayList<>();
    for (Acc a : best.subList(0, Math.min(MAX_MATCHES, best.size()))) {
      matches.add(
          new StoryAnswer.Match(
              a.posting.articleId(),
              a.time,
              storyOf(a.posting.articleId(), span),
              a.posting.language(),
              (float) a.dotIndependent,
              (float) a.dotLexical,
              a.posting.normIndependent(),
              a.posting.normLexical()));
    }
    for (int i = 0; i < q.terms().length; i++) {
      index.put(
          q.terms()[i],
          new Posting(
              q.articleId(), q.weights()[i], q.language(), q.normIndependent(), q.normLexical()),
          q.time());
    }
    context.forward(
        record.withValue(
            new StoryAnswer(
                q.articleId(), q.replyPartition(), context.taskId().partition(), matches)));
  }

  private String storyOf(String articleId, TimeSpan span) {
    try (WindowStoreIterator<String> it =
        assignments.backwardFetch(articleId, span.from(), span.to())) {
      return it.hasNext() ? it.next().value : null;
    }
  }
}
