package io.newsflow.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class FailedRecordTest {
  private static final byte[] KEY = {1};
  private static final byte[] VALUE = {2};

  @Test
  void shouldNameTheRecordWhenItsProcessingFailed() {
    IllegalStateException cause = new IllegalStateException("bad article");

    RuntimeException thrown = FailedRecord.of("news.articles.raw", 1, 142, KEY, VALUE, cause);

    assertThat(thrown).isInstanceOf(FailedRecord.class).hasCause(cause);
    FailedRecord failed = (FailedRecord) thrown;
    assertThat(failed.topic()).isEqualTo("news.articles.raw");
    assertThat(failed.partition()).isEqualTo(1);
    assertThat(failed.offset()).isEqualTo(142);
    assertThat(DeadLetterProcessingHandler.notTheRecordsFault(thrown)).isFalse();
  }

  @Test
  void shouldLetKafkaStreamsTaskSignalsThroughUnwrappedWhenAProducerIsFenced() {
    TaskMigratedException migrated =
        new TaskMigratedException("fenced", new ProducerFencedException("newer producer"));
    TaskCorruptedException corrupted = new TaskCorruptedException(Set.of(new TaskId(1, 0)));

    assertThat(FailedRecord.of("t", 0, 1, KEY, VALUE, migrated)).isSameAs(migrated);
    assertThat(FailedRecord.of("t", 0, 1, KEY, VALUE, corrupted)).isSameAs(corrupted);
    // wrapped, the handler would stop the thread: what shut enrich down before
    assertThat(
            DeadLetterProcessingHandler.notTheRecordsFault(
                new FailedRecord("t", 0, 1, KEY, VALUE, migrated)))
        .isTrue();
  }
}
