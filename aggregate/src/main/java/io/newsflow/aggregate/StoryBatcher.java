package io.newsflow.aggregate;

import io.newsflow.contracts.EnrichedArticle;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Before the {@code by-story} hop: holds what story counting needs of each article with a story
 * ({@link StoryArticle}) in {@link StoryBatchBuffer} until the commit, which sends one record per
 * partition of the hop instead of one per article.
 */
final class StoryBatcher implements Processor<String, EnrichedArticle, String, StoryArticles> {
  private final BatchPartitioner<StoryArticles> partitioner;
  private StoryBatchBuffer buffer;

  StoryBatcher(BatchPartitioner<StoryArticles> partitioner) {
    this.partitioner = partitioner;
  }

  @Override
  public void init(ProcessorContext<String, StoryArticles> context) {
    buffer = context.getStateStore(AggregateTopology.STORY_BATCH_STORE);
    buffer.forwardAs(context);
    buffer.partitionsFrom(partitioner::partitions);
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    EnrichedArticle article = record.value();
    if (article == null || article.storyId() == null) {
      return;
    }
    Instant ingested = article.article().ingestedAt();
    buffer.add(
        article.storyId(),
        StoryArticle.of(article),
        record.timestamp(),
        ingested == null ? -1 : ingested.toEpochMilli());
  }
}
