package io.newsflow.kit;

import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;

/**
 * A failure of one record that names the record to dead-letter, for a step whose failing record is
 * not the one it was handed: the decide step releases articles it read earlier, so the source
 * record of the failure ({@code ErrorHandlerContext.sourceRawValue()}) is another one. {@link
 * DeadLetterProcessingHandler} dead-letters {@code key} and {@code value} with these coordinates.
 */
public final class FailedRecord extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final int partition;
  private final long offset;
  private final transient byte[] key;
  private final transient byte[] value;

  public FailedRecord(
      String topic, int partition, long offset, byte[] key, byte[] value, Throwable cause) {
    super("record " + topic + "-" + partition + "@" + offset + ": " + describe(cause), cause);
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.key = key;
    this.value = value;
  }

  /**
   * The exception to throw for {@code cause} raised while processing the named record: a {@link
   * FailedRecord} naming it, except for Kafka Streams' own signals about the task ({@link
   * TaskMigratedException}: the producer was fenced or the thread dropped out of the group; {@link
   * TaskCorruptedException}), which are returned as they are: Kafka Streams handles them itself
   * (closes the task and rejoins, restoring its state) and never hands them to the processing
   * exception handler, so wrapping one would make the handler stop the thread for a routine
   * rebalance. Seen in a bench run on an overloaded machine: a fenced producer during the decide
   * step's release shut the enrich application down.
   */
  public static RuntimeException of(
      String topic, int partition, long offset, byte[] key, byte[] value, RuntimeException cause) {
    if (cause instanceof TaskMigratedException || cause instanceof TaskCorruptedException) {
      return cause;
    }
    return new FailedRecord(topic, partition, offset, key, value, cause);
  }

  static String describe(Throwable e) {
    return e.getMessage() == null
        ? e.getClass().getName()
        : e.getClass().getName() + ": " + e.getMessage();
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }

  public byte[] key() {
    return key;
  }

  public byte[] value() {
    return value;
  }
}
