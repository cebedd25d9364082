package io.newsflow.enrich.story;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Records a decided article's story in {@value StoryTopology#ASSIGNMENTS_STORE} on an index
 * partition that holds its terms, so later lookups there answer with its story.
 */
final class StoryUpdateProcessor implements Processor<String, StoryUpdate, Void, Void> {
  private WindowStore<String, String> assignments;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.assignments = context.getStateStore(StoryTopology.ASSIGNMENTS_STORE);
  }

  @Override
  public void process(Record<String, StoryUpdate> record) {
    StoryUpdate u = record.value();
    assignments.put(u.articleId(), u.storyId(), u.time());
  }
}
