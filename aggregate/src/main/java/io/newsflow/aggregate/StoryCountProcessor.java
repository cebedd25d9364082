package io.newsflow.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one {@link StorySummary} per story in {@value AggregateTopology#STORY_STORE} and, in
 * {@value AggregateTopology#STORY_FACETS_STORE}, the number of the story's articles with each facet
 * value (key {@link AggregateTopology#storyFacetKey}). Input ({@link StoryArticle}) is keyed and
 * partitioned by story id. Emits {@code (facet key, one story)} at the event time of the story's
 * earliest article with a facet value, so the facet counts learn how many distinct stories each
 * value has, in each hour and day: when an earlier article of the story arrives after a later one,
 * the story moves (minus one at the old time, plus one at the new), so the counts do not depend on
 * the arrival order. An article costs one summary read and write plus one read and write per facet
 * value it has, whatever the story's size. A {@code by-story} record carries the articles of one
 * commit of a reading task ({@link StoryArticles}), each counted as above in the order read. A
 * story is deleted with its facet entries (looked for after a record when an hour of stream time
 * has passed since the last look, and after the first record of the task) once its latest ingest
 * time is more than the story window plus the grace behind the latest ingest time of any current
 * story here: the stores hold current stories only. Ingest time, not event time, because enrich
 * joins an article to a story by its record time (the ingest time) within the story window: a story
 * is forgotten only after more than the window plus the grace of ingest time has passed without an
 * article of it, so a later article of it could only join it if it reached this task after articles
 * ingested more than the grace after it (a backfill of old articles, whose event times are far
 * behind, no longer has its stories forgotten between two of their articles and counted again). A
 * summary of an earlier version (no ingest time) goes by event time against stream time, the story
 * window alone, as before.
 */
final class StoryCountProcessor implements Processor<String, StoryArticles, String, FacetCount> {
  /**
   * Stream time between two looks for stories to forget. A look reads every current summary (about
   * 150 ms for 20,000 stories here), and stream time runs far faster than the clock in a replay: an
   * hour keeps that cost small, for stories kept up to an hour longer (of a 7-day window).
   */
  static final Duration SWEEP_EVERY = Duration.ofHours(1);

  private final Duration window;
  private final Duration grace;
  private long nextSweep;

  /**
   * The latest ingest time of the stories in the store (null: none has one), once {@link
   * #latestKnown}: read from the store at the first sweep after {@link #init}, then kept up as
   * articles are counted. A sweep never forgets the story that holds it (it forgets those more than
   * a window behind it), so it stays the store's latest, and a sweep reads every summary once.
   */
  private Instant latestIngest;

  private boolean latestKnown;
  private ProcessorContext<String, FacetCount> context;
  private KeyValueStore<String, StorySummary> summaries;
  private KeyValueStore<String, StoryFacet> facets;

  StoryCountProcessor(Duration window, Duration grace) {
    this.window = window;
    this.grace = grace;
  }

  @Override
  public void init(ProcessorContext<String, FacetCount> context) {
    this.context = context;
    this.summaries = context.getStateStore(AggregateTopology.STORY_STORE);
    this.facets = context.getStateStore(AggregateTopology.STORY_FACETS_STORE);
    // Also when Kafka Streams initialises this processor again (a task revived in place, its
    // stores restored to the last commit): nothing is kept from before.
    nextSweep = Long.MIN_VALUE;
    latestIngest = null;
    latestKnown = false;
  }

  @Override
  public void process(Record<String, StoryArticles> record) {
    if (record.value() == null) {
      return;
    }
    for (StoryArticles.Entry e : record.value().entries()) {
      count(
          e.storyId() == null ? record.key() : e.storyId(),
          e.article(),
          e.time() == -1 ? record.timestamp() : e.time(),
          e.ingested() < 0 ? null : Instant.ofEpochMilli(e.ingested()));
    }
    // After counting, not in a punctuation: a punctuation can run between a record that moves
    // stream time and the counting of it, before the latest ingest time is known here.
    long streamTime = context.currentStreamTimeMs();
    if (streamTime >= nextSweep) {
      expire(streamTime);
      nextSweep = streamTime + SWEEP_EVERY.toMillis();
    }
  }

  private void count(String story, StoryArticle article, long time, Instant ingested) {
    StorySummary before = summaries.get(story);
    if (before == null) {
      before = StorySummary.empty(story);
    }
    summaries.put(story, before.plus(article, Instant.ofEpochMilli(time), ingested));
    if (latestKnown
        && ingested != null
        && (latestIngest == null || ingested.isAfter(latestIngest))) {
      latestIngest = ingested;
    }
    for (String key : article.facetKeys()) {
      String stored = AggregateTopology.storyFacetKey(story, key);
      StoryFacet prior = facets.get(stored);
      if (prior == null) {
        facets.put(stored, new StoryFacet(1, time));
        context.forward(new Record<>(key, FacetCount.oneStory(), time));
      } else if (time < prior.firstTime()) {
        facets.put(stored, new StoryFacet(prior.articles() + 1, time));
        context.forward(new Record<>(key, FacetCount.oneStory().negate(), prior.firstTime()));
        context.forward(new Record<>(key, FacetCount.oneStory(), time));
      } else {
        facets.put(stored, new StoryFacet(prior.articles() + 1, prior.firstTime()));
      }
    }
  }

  private void expire(long streamTime) {
    Instant oldest = Instant.ofEpochMilli(streamTime).minus(window);
    if (!latestKnown) {
      try (KeyValueIterator<String, StorySummary> it = summaries.all()) {
        while (it.hasNext()) {
          Instant i = it.next().value.lastIngested();
          if (i != null && (latestIngest == null || i.isAfter(latestIngest))) {
            latestIngest = i;
          }
        }
      }
      latestKnown = true;
    }
    Instant oldestIngest = latestIngest == null ? null : latestIngest.minus(window).minus(grace);
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, StorySummary> it = summaries.all()) {
      while (it.hasNext()) {
        KeyValue<String, StorySummary> kv = it.next();
        StorySummary s = kv.value;
        boolean old =
            s.lastIngested() != null
                ? s.lastIngested().isBefore(oldestIngest)
                : s.lastSeen() != null && s.lastSeen().isBefore(oldest);
        if (old) {
          expired.add(kv.key);
        }
      }
    }
    // put(key, null) deletes without reading the old value back, as delete(key) does
    for (String story : expired) {
      summaries.put(story, null);
      List<String> keys = new ArrayList<>();
      try (KeyValueIterator<String, StoryFacet> it =
          facets.prefixScan(AggregateTopology.storyFacetPrefix(story), new StringSerializer())) {
        it.forEachRemaining(kv -> keys.add(kv.key));
      }
      keys.forEach(k -> facets.put(k, null));
    }
  }
}
