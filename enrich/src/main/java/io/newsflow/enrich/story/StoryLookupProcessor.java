package io.newsflow.enrich.story;

import io.newsflow.enrich.NewestBlock;
import io.newsflow.enrich.TimeSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The story index, on the partition a term belongs to: for a {@link StoryQuery}, reads the newest
 * postings of each of its terms within the story window, sums the partial dot products per indexed
 * article, answers with the best {@value #MAX_MATCHES}, then indexes the query's own article.
 *
 * <p>Stores (window stores; window = the story window, retention = twice that):
 *
 * <ul>
 *   <li>{@value StoryTopology#INDEX_STORE}: key term, timestamp the start of a bucket one story
 *       window long, value a {@link NewestBlock} of {@link Posting}s: the newest {@link
 *       #blockCapacity} articles of the bucket with the term. A query reads the buckets its window
 *       overlaps, newest first, with point lookups (at most three), up to {@code postings-per-term}
 *       postings in its window. The block keeps twice that, so postings newer than a query's window
 *       (records arriving out of time order) do not hide the ones inside it. Written at query time,
 *       so an article still being decided is already found by the next one.
 *   <li>{@value StoryTopology#ASSIGNMENTS_STORE}: key article id, value story id, timestamp the
 *       article's record time (as in its postings, so a match's story is one point lookup), written
 *       by {@link StoryUpdateProcessor} once the article's story is decided.
 * </ul>
 */
final class StoryLookupProcessor implements Processor<String, StoryQuery, String, StoryAnswer> {
  static final int MAX_MATCHES = 100;

  private final long windowMs;
  private final int postingsPerTerm;
  private final int capacity;
  private ProcessorContext<String, StoryAnswer> context;
  private NewestBlock.Store<Posting> index;
  private WindowStore<String, String> assignments;

  /** Postings kept per term and bucket: twice the number a query reads. */
  static int blockCapacity(StoryConfig config) {
    return 2 * config.postingsPerTerm();
  }

  StoryLookupProcessor(StoryConfig config) {
    this.windowMs = config.window().toMillis();
    this.postingsPerTerm = config.postingsPerTerm();
    this.capacity = blockCapacity(config);
  }

  @Override
  public void init(ProcessorContext<String, StoryAnswer> context) {
    this.context = context;
    this.index =
        new NewestBlock.Store<>(
            context.getStateStore(StoryTopology.INDEX_STORE), windowMs, capacity);
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
    long newest = NewestBlock.bucketOf(span.to(), windowMs);
    long oldest = NewestBlock.bucketOf(span.from(), windowMs);
    Map<String, Acc> found = new HashMap<>();
    index.clear();
    for (int i = 0; i < q.terms().length; i++) {
      String term = q.terms()[i];
      boolean lexical = StoryTerms.lexical(term);
      int read = 0;
      for (long bucket = newest; bucket >= oldest && read < postingsPerTerm; bucket -= windowMs) {
        NewestBlock<Posting> block = index.get(term, bucket);
        if (block == null) {
          continue;
        }
        for (NewestBlock.Entry<Posting> e : block.entries()) {
          if (read >= postingsPerTerm) {
            break;
          }
          if (e.time() > span.to() || e.time() < span.from()) {
            continue;
          }
          read++;
          Posting p = e.value();
          if (p.articleId().equals(q.articleId())) {
            continue;
          }
          Acc acc = found.computeIfAbsent(p.articleId(), id -> new Acc(e.time(), p));
          double product = (double) q.weights()[i] * p.weight();
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
              assignments.fetch(a.posting.articleId(), a.time),
              a.posting.language(),
              (float) a.dotIndependent,
              (float) a.dotLexical,
              a.posting.normIndependent(),
              a.posting.normLexical()));
    }
    for (int i = 0; i < q.terms().length; i++) {
      index.add(
          q.terms()[i],
          q.time(),
          new Posting(
              q.articleId(), q.weights()[i], q.language(), q.normIndependent(), q.normLexical()));
    }
    context.forward(
        record.withValue(
            new StoryAnswer(
                q.articleId(), q.replyPartition(), context.taskId().partition(), matches)));
  }
}
