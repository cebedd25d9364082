package io.newsflow.aggregate;

import io.newsflow.contracts.EnrichedArticle;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of an enriched article: when it was published, else when newsflow ingested it, else
 * the record's own timestamp. Windows count stories in the hour or day they happened, not when they
 * reached Kafka. A publication time before 1970 (valid: an archive's article) is not taken: Kafka
 * Streams drops a record whose extracted time is negative, so such an article would not be counted
 * at all; it counts at its ingest time instead.
 */
public final class EventTimeExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof EnrichedArticle e) {
      if (e.article().publishedAt() != null && e.article().publishedAt().toEpochMilli() >= 0) {
        return e.article().publishedAt().toEpochMilli();
      }
      if (e.article().ingestedAt() != null && e.article().ingestedAt().toEpochMilli() >= 0) {
        return e.article().ingestedAt().toEpochMilli();
      }
    }
    return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
  }
}
