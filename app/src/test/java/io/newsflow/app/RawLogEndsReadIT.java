package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.enrich.decide.KafkaRawLogEnds;
import io.newsflow.enrich.decide.RawLogEnds;
import io.newsflow.testkit.TestBrokers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KafkaRawLogEnds#read}, what the decide task calls when it starts to read its pending range
 * again, against a real broker: transactions (aborted records and commit markers in the range), and
 * a raw log that holds less than the decide step had received (the topic recreated, or truncated by
 * an unclean leader election): the records still there are returned and the missing ones logged as
 * lost, promptly, not an exception after a minute that stops the enrich app at every start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawLogEndsReadIT {
  private static final String TOPIC = "raw-read-again";
  private EmbeddedKafkaBroker broker;
  private KafkaRawLogEnds ends;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    broker = TestBrokers.builder(dir.resolve("broker")).build();
    broker.start();
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", (Object) broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    }
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "raw-read-again-tx");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      // offsets: 0 "a", 1 commit marker, 2 "aborted", 3 abort marker, 4 "b", 5 commit marker
      for (String value : List.of("a", "aborted", "b")) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, 0, null, value.getBytes(StandardCharsets.UTF_8)));
        if (value.equals("aborted")) {
          producer.flush();
          producer.abortTransaction();
        } else {
          producer.commitTransaction();
        }
      }
    }
    Properties streams = new Properties();
    streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "raw-read-again");
    ends = new KafkaRawLogEnds(TOPIC, streams, Duration.ofMillis(200));
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static List<String> values(List<RawLogEnds.RawRecord> records) {
    return records.stream()
        .map(r -> r.offset() + ":" + new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void shouldReadTheCommittedRecordsOfTheRange() {
    assertThat(values(ends.read(0, 0, 5))).containsExactly("0:a", "4:b");
    assertThat(values(ends.read(0, 2, 5))).containsExactly("4:b");
  }

  @Test
  void shouldReturnWhatIsLeftWhenTheLogEndsBeforeTheRange() {
    // the decide step had received up to offset 40: the log was truncated or the topic recreated
    List<RawLogEnds.RawRecord> read =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ends.read(0, 0, 40));
    assertThat(values(read)).containsExactly("0:a", "4:b");
  }

  @Test
  void shouldReturnNothingForAPartitionThatIsGone() {
    // the topic recreated with fewer partitions
    List<RawLogEnds.RawRecord> read =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ends.read(3, 0, 10));
    assertThat(read).isEmpty();
  }
}
