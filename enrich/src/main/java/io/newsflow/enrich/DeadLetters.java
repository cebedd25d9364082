package io.newsflow.enrich;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter format shared by every stage: the original key and value bytes, untouched, plus
 * headers that say why and from where.
 *
 * <ul>
 *   <li>{@code newsflow.dlq.reason}: human-readable reason, naming the field where there is one
 *   <li>{@code newsflow.dlq.stage}: {@code deserialize} or {@code validate}
 *   <li>{@code newsflow.dlq.topic}, {@code .partition}, {@code .offset}: where the record was read
 *   <li>{@code newsflow.dlq.exception}: exception class, for deserialization failures
 * </ul>
 */
public final class DeadLetters {
  public static final String PREFIX = "newsflow.dlq.";
  public static final String REASON = PREFIX + "reason";
  public static final String STAGE = PREFIX + "stage";
  public static final String TOPIC = PREFIX + "topic";
  public static final String PARTITION = PREFIX + "partition";
  public static final String OFFSET = PREFIX + "offset";
  public static final String EXCEPTION = PREFIX + "exception";

  public static final String STAGE_DESERIALIZE = "deserialize";
  public static final String STAGE_VALIDATE = "validate";

  private DeadLetters() {}

  /** Headers of a dead letter: the record's own headers are kept, ours are added. */
  public static Headers headers(
      Headers original, String stage, String reason, String topic, int partition, long offset) {
    Headers headers = new RecordHeaders();
    if (original != null) {
      original.forEach(headers::add);
    }
    put(headers, STAGE, stage);
    put(headers, REASON, reason);
    put(headers, TOPIC, topic);
    put(headers, PARTITION, Integer.toString(partition));
    put(headers, OFFSET, Long.toString(offset));
    return headers;
  }

  static void put(Headers headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** The value of a header as text, or null. */
  public static String header(Headers headers, String key) {
    var h = headers.lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
