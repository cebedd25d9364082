package io.newsflow.aggregate;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sums facet count changes before the {@code by-facet} hop: one record per (facet key, hour of
 * event time, windows counted in) per commit interval instead of one per article and facet value
 * (an article has about 35) and per story change. Input: key facet key, value {@link FacetCount}
 * (one article's mention and story, or a story's distinct-story change), timestamp event time.
 * Output (at the commit): {@link FacetDeltas}, one record per partition of {@code by-facet} holding
 * every sum whose facet key belongs there, keyed by its first facet key, timestamp the event time
 * of its first change (see {@link FacetDeltaBuffer}). Store: {@value
 * AggregateTopology#FACET_DELTAS_STORE} ({@link FacetDeltaBuffer}: in memory, no changelog, empty
 * after every commit).
 *
 * <p><b>Same windows.</b> Buckets are hours of event time, and the forwarded timestamp is in that
 * hour, so a sum lands in the hour and day windows each of its changes would have landed in (hours
 * tile days: both are epoch-aligned tumbling windows).
 *
 * <p><b>Same late-record dropping.</b> Whether a change is too late for its hour or day window is
 * decided here, per change, with the windowed counts' own rule ({@link FacetDelta#windowsFor}) and
 * this task's stream time, and travels with it ({@link FacetDelta#windows}); changes of different
 * verdicts are never summed together. The task's stream time is what the windowed counts saw as
 * theirs when every change crossed the hop alone, in order: the task reads the enriched articles
 * and the {@code by-story} topic, and each article's changes carry its own event time. Buckets are
 * forwarded in the order they were opened, each stamped with its first change's time, so the stream
 * time of the windowed counts when they take a bucket is at most this task's stream time when the
 * bucket was opened: they do not drop what was decided in time here. With one partition the counts
 * are those of before, exactly. With several, the verdict uses the reading task's stream time
 * instead of the counting task's (which still applies its own check); they differ by how partitions
 * interleave, which already made the verdict near a window's close depend on timing.
 *
 * <p><b>Exactly once.</b> The buffer is forwarded inside the commit, before the transaction
 * commits: Kafka Streams flushes each store's cache ({@link FacetDeltaBuffer#flushCache}) and then
 * the producer, then commits the consumed offsets and the produced records in one transaction. If
 * the process dies before the buffer is forwarded, or between forwarding and the commit, the
 * transaction is aborted: the forwarded sums are never read (read_committed) and the input offsets
 * are not committed, so the input is read again from the last commit and the buffer rebuilt from
 * the same records; nothing is lost and nothing counted twice. After a commit the buffer is empty,
 * so there is no state to restore. What would not be safe, and is not done: forwarding on a
 * wall-clock punctuation (changes buffered after it and before the commit would be committed as
 * read but never forwarded, or forwarded after the commit in another transaction).
 */
final class FacetDeltaCombiner implements Processor<String, FacetCount, String, FacetDeltas> {
  private final Duration grace;
  private final BatchPartitioner<FacetDeltas> partitioner;
  private ProcessorContext<String, FacetDeltas> context;
  private FacetDeltaBuffer buffer;

  FacetDeltaCombiner(Duration grace, BatchPartitioner<FacetDeltas> partitioner) {
    this.grace = grace;
    this.partitioner = partitioner;
  }

  @Override
  public void init(ProcessorContext<String, FacetDeltas> context) {
    this.context = context;
    this.buffer = context.getStateStore(AggregateTopology.FACET_DELTAS_STORE);
    buffer.forwardAs(context);
    buffer.partitionsFrom(partitioner::partitions);
  }

  @Override
  public void process(Record<String, FacetCount> record) {
    long time = record.timestamp();
    int windows = FacetDelta.windowsFor(time, context.currentStreamTimeMs(), grace);
    buffer.add(record.key(), record.value(), time, windows);
  }
}
