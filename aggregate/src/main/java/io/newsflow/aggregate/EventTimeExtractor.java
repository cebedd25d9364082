package io.newsflow.aggregate;

import io.newsflow.contracts.EnrichedArticle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of an enriched article: when it was published, else when newsflow ingested it, else
 * the record's own timestamp. Windows count stories in the hour or day they happened, not when they
 * reached Kafka. A publication time before 1970 (valid: an archive's article) counts as the epoch:
 * Kafka Streams drops a record whose extracted time is negative (it would not be counted at all),
 * and its ingest time would count it in the current hour and day, where an archive article
 * published after 1970 is not (its windows closed long ago: all-time only).
 */
public final class EventTimeExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof EnrichedArticle e) {
      if (e.article().publishedAt() != null) {
        // the epoch at the earliest: as far behind stream time as any archive article's
        return Math.max(0, e.article().publishedAt().toEpochMilli());
      }
      if (e.article().ingestedAt() != null && e.article().ingestedAt().toEpochMilli() >= 0) {
        return e.article().ingestedAt().toEpochMilli();
      }
    }
    return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
  }
}
