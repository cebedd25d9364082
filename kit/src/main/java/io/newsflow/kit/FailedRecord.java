package io.newsflow.kit;

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
