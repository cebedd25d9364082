package io.newsflow.enrich.story;

import io.newsflow.enrich.EnrichedArticle;
import io.newsflow.enrich.TimeSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * First step of story assignment, on the partition of the article's original (articles arrive keyed
 * by id, partitioned by {@code dedup.canonicalId}, so an original and its copies meet here).
 *
 * <ul>
 *   <li>A copy whose original has a story ({@value StoryTopology#ASSIGNED_STORE}) takes it at once;
 *       a copy whose original is still waiting ({@value StoryTopology#PENDING_STORE}) waits with it
 *       in {@value StoryTopology#PARKED_STORE}. A copy of an original this stage never saw (older
 *       than the window, or from before story grouping) is treated as an original.
 *   <li>An article without any term opens its own story at once: nothing could retrieve it.
 *   <li>Otherwise its terms are grouped by the index partition they live on, one {@link StoryQuery}
 *       per partition goes out, and the article waits in {@value StoryTopology#PARKED_STORE} (its
 *       progress in {@value StoryTopology#PENDING_STORE}).
 * </ul>
 */
final class StoryFanOutProcessor implements Processor<String, EnrichedArticle, String, StoryStep> {
  private final int partitions;
  private final long windowMs;
  private ProcessorContext<String, StoryStep> context;
  private KeyValueStore<String, PendingStory> pending;
  private KeyValueStore<String, EnrichedArticle> parked;
  private WindowStore<String, String> assigned;
  private StoryMeters meters;

  StoryFanOutProcessor(StoryConfig config, int partitions) {
    this.partitions = partitions;
    this.windowMs = config.window().toMillis();
  }

  @Override
  public void init(ProcessorContext<String, StoryStep> context) {
    this.context = context;
    this.pending = context.getStateStore(StoryTopology.PENDING_STORE);
    this.parked = context.getStateStore(StoryTopology.PARKED_STORE);
    this.assigned = context.getStateStore(StoryTopology.ASSIGNED_STORE);
    this.meters = StoryMeters.of(context);
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    EnrichedArticle article = record.value();
    if (article.dedup().isCopy()) {
      String original = article.dedup().canonicalId();
      String story = storyOf(original, record.timestamp());
      if (story != null) {
        meters.copies.record();
        context.forward(record.withValue(new StoryStep.Assigned(article.withStoryId(story))));
        return;
      }
      if (pending.get(original) != null) {
        parked.put(StoryTopology.parkedCopyKey(original, article.id()), article);
        return;
      }
    }
    StoryTerms terms = StoryFeatures.of(article);
    if (terms.isEmpty()) {
      meters.opened.record();
      assigned.put(article.id(), article.id(), record.timestamp());
      context.forward(record.withValue(new StoryStep.Assigned(article.withStoryId(article.id()))));
      return;
    }
    Map<Integer, List<Integer>> byPartition = terms.byPartition(partitions);
    float normInd = (float) terms.normIndependent();
    float normLex = (float) terms.normLexical();
    parked.put(article.id(), article);
    pending.put(
        article.id(),
        new PendingStory(
            article.id(),
            record.timestamp(),
            terms.language(),
            normInd,
            normLex,
            new ArrayList<>(byPartition.keySet()),
            List.of(),
            Map.of(),
            context.currentSystemTimeMs()));
    int reply = context.taskId().partition();
    byPartition.forEach(
        (partition, indexes) -> {
          String[] t = new String[indexes.size()];
          float[] w = new float[indexes.size()];
          for (int i = 0; i < t.length; i++) {
            t[i] = terms.terms()[indexes.get(i)];
            w[i] = terms.weights()[indexes.get(i)];
          }
          context.forward(
              record.withValue(
                  new StoryQuery(
                      article.id(),
                      record.timestamp(),
                      reply,
                      partition,
                      terms.language(),
                      normInd,
                      normLex,
                      t,
                      w)));
        });
  }

  private String storyOf(String articleId, long time) {
    TimeSpan span = TimeSpan.around(time, windowMs);
    try (WindowStoreIterator<String> it =
        assigned.backwardFetch(articleId, span.from(), span.to())) {
      return it.hasNext() ? it.next().value : null;
    }
  }
}
