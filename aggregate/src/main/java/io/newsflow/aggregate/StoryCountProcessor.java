package io.newsflow.aggregate;

import io.newsflow.enrich.EnrichedArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one {@link StorySummary} per story in {@value AggregateTopology#STORY_STORE} (input keyed
 * and partitioned by story id) and emits {@code (facet key, one story)} the first time a story has
 * an article with a facet value, so the facet counts learn how many distinct stories each value
 * has. Summaries whose latest article is older than the story window (in stream time) are deleted
 * by a punctuation every minute: the store holds current stories only.
 */
final class StoryCountProcessor implements Processor<String, EnrichedArticle, String, FacetCount> {
  private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
  private final Duration window;
  private ProcessorContext<String, FacetCount> context;
  private KeyValueStore<String, StorySummary> summaries;

  StoryCountProcessor(Duration window) {
    this.window = window;
  }

  @Override
  public void init(ProcessorContext<String, FacetCount> context) {
    this.context = context;
    this.summaries = context.getStateStore(AggregateTopology.STORY_STORE);
    context.schedule(SWEEP_EVERY, PunctuationType.STREAM_TIME, this::expire);
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    String story = record.key();
    StorySummary before = summaries.get(story);
    if (before == null) {
      before = StorySummary.empty(story);
    }
    List<String> fresh = new ArrayList<>();
    for (String key : Facet.keysOf(record.value())) {
      if (!before.facetKeys().contains(key) && !fresh.contains(key)) {
        fresh.add(key);
      }
    }
    summaries.put(
        story, before.plus(record.value(), Instant.ofEpochMilli(record.timestamp()), fresh));
    for (String key : fresh) {
      context.forward(new Record<>(key, FacetCount.oneStory(), record.timestamp()));
    }
  }

  private void expire(long streamTime) {
    Instant oldest = Instant.ofEpochMilli(streamTime).minus(window);
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, StorySummary> it = summaries.all()) {
      while (it.hasNext()) {
        KeyValue<String, StorySummary> kv = it.next();
        if (kv.value.lastSeen() != null && kv.value.lastSeen().isBefore(oldest)) {
          expired.add(kv.key);
        }
      }
    }
    expired.forEach(summaries::delete);
  }
}
