package io.newsflow.contracts;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter format shared by every stage: the original key and value bytes, untouched, plus
 * headers that say why and from where.
 *
 * <ul>
 *   <li>{@code newsflow.dlq.reason}: human-readable reason, naming the field where there is one
 *   <li>{@code newsflow.dlq.stage}: {@code deserialize}, {@code validate}, {@code process} (a valid
 *       record whose processing failed) or {@code produce} (an output record the producer refused;
 *       key and value are then the output's, cut to {@link #MAX_KEPT_BYTES})
 *   <li>{@code newsflow.dlq.topic}, {@code .partition}, {@code .offset}: where the record was read
 *   <li>{@code newsflow.dlq.exception}: exception class, for deserialization, processing and
 *       production failures
 *   <li>{@code newsflow.dlq.processor}: the processor that failed, for {@code process}
 *   <li>{@code newsflow.dlq.value.truncated}, {@code .key.truncated}: the original size in bytes,
 *       when the value or key was larger than {@link #MAX_KEPT_BYTES} and only its first {@link
 *       #MAX_KEPT_BYTES} bytes are kept (a dead letter must fit in one Kafka record, 1 MB by
 *       default, or writing it would fail and stop the app)
 *   <li>{@code newsflow.dlq.headers.dropped}: how many of the record's own headers were left out
 *       because together they were larger than {@link #MAX_KEPT_HEADER_BYTES}
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
  public static final String PROCESSOR = PREFIX + "processor";
  public static final String VALUE_TRUNCATED = PREFIX + "value.truncated";
  public static final String KEY_TRUNCATED = PREFIX + "key.truncated";
  public static final String HEADERS_DROPPED = PREFIX + "headers.dropped";

  /** The most bytes of a key or value a dead letter keeps: the largest valid article. */
  public static final int MAX_KEPT_BYTES = io.newsflow.contracts.Article.MAX_BYTES;

  /** The most bytes of the record's own headers a dead letter keeps. */
  public static final int MAX_KEPT_HEADER_BYTES = 64 * 1024;

  /** A reason header is cut to this many characters (a parser's message can quote the input). */
  static final int MAX_REASON_CHARS = 2000;

  public static final String STAGE_DESERIALIZE = "deserialize";
  public static final String STAGE_VALIDATE = "validate";

  /** A record valid by the contract whose processing failed (the processing exception handler). */
  public static final String STAGE_PROCESS = "process";

  /** An output record the producer could not write (too large: the production handler). */
  public static final String STAGE_PRODUCE = "produce";

  private DeadLetters() {}

  /** Headers of a dead letter: the record's own headers are kept, ours are added. */
  public static Headers headers(
      Headers original, String stage, String reason, String topic, int partition, long offset) {
    Headers headers = new RecordHeaders();
    if (original != null) {
      long size = 0;
      int count = 0;
      for (var h : original) {
        size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        count++;
      }
      if (size <= MAX_KEPT_HEADER_BYTES) {
        original.forEach(headers::add);
      } else {
        put(headers, HEADERS_DROPPED, Integer.toString(count));
      }
    }
    put(headers, STAGE, stage);
    put(
        headers,
        REASON,
        reason != null && reason.length() > MAX_REASON_CHARS
            ? reason.substring(0, MAX_REASON_CHARS) + "\u2026"
            : reason);
    put(headers, TOPIC, topic);
    put(headers, PARTITION, Integer.toString(partition));
    put(headers, OFFSET, Long.toString(offset));
    return headers;
  }

  /**
   * The key or value bytes a dead letter keeps: all of them, or the first {@link #MAX_KEPT_BYTES}
   * with {@code header} ({@link #KEY_TRUNCATED} or {@link #VALUE_TRUNCATED}) set to the original
   * size.
   */
  public static byte[] kept(byte[] data, Headers headers, String header) {
    if (data == null || data.length <= MAX_KEPT_BYTES) {
      return data;
    }
    put(headers, header, Integer.toString(data.length));
    return java.util.Arrays.copyOf(data, MAX_KEPT_BYTES);
  }

  public static void put(Headers headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** The value of a header as text, or null. */
  public static String header(Headers headers, String key) {
    var h = headers.lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
