package io.newsflow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a real in-process broker. Tests that only need a running broker share one; restart and
 * startup-failure tests own their broker and data directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedKafkaBrokerIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final int PARTITIONS = 3;

  private EmbeddedKafkaBroker shared;

  @BeforeAll
  void startSharedBroker(@TempDir Path dataDir) {
    shared = EmbeddedKafkaBroker.builder(dataDir).build();
    shared.start();
  }

  @AfterAll
  void stopSharedBroker() {
    if (shared != null) {
      shared.close();
    }
  }

  @Test
  void shouldConsumeProducedRecordWhenBrokerIsStarted() throws Exception {
    String topic = uniqueTopic();
    createTopic(shared, topic);

    RecordMetadata written = produce(shared, topic, "article-1", "hello");

    assertThat(shared.bootstrapServers()).isEqualTo("127.0.0.1:" + shared.port());
    assertThat(written.offset()).isZero();
    assertThat(consume(shared, topic, IsolationLevel.READ_UNCOMMITTED, 1))
        .extracting(ConsumerRecord::key, ConsumerRecord::value)
        .containsExactly(tuple("article-1", "hello"));
  }

  @Test
  void shouldKeepRecordsAndClusterIdWhenRestartedOnSameDataDir(@TempDir Path dataDir)
      throws Exception {
    String topic = uniqueTopic();
    String clusterIdBefore;
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder(dataDir).build()) {
      first.start();
      createTopic(first, topic);
      produce(first, topic, "article-1", "kept");
      clusterIdBefore = clusterId(first);
    }

    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder(dataDir).build()) {
      second.start();

      assertThat(clusterId(second)).isEqualTo(clusterIdBefore);
      assertThat(consume(second, topic, IsolationLevel.READ_UNCOMMITTED, 1))
          .extracting(ConsumerRecord::value)
          .containsExactly("kept");
    }
  }

  @Test
  void shouldExposeOnlyCommittedRecordsWhenProducerIsTransactional() throws Exception {
    String topic = uniqueTopic();
    createTopic(shared, topic);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            shared.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "tx-" + UUID.randomUUID(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);

    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "article-1", "aborted")).get();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "article-1", "committed"));
      producer.commitTransaction();
    }

    assertThat(consume(shared, topic, IsolationLevel.READ_UNCOMMITTED, 2))
        .extracting(ConsumerRecord::value)
        .containsExactly("aborted", "committed");
    assertThat(consume(shared, topic, IsolationLevel.READ_COMMITTED, 1))
        .extracting(ConsumerRecord::value)
        .containsExactly("committed");
  }

  @Test
  void shouldFailNamingPortAndDataDirAndLeaveNoThreadsWhenPortIsTaken(@TempDir Path dataDir)
      throws Exception {
    Set<Thread> threadsBefore = liveNonDaemonThreads();
    try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.builder(dataDir).port(occupied.getLocalPort()).build()) {

      assertThatThrownBy(broker::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + occupied.getLocalPort())
          .hasMessageContaining(dataDir.toString());
    }

    assertThat(liveNonDaemonThreads()).isSubsetOf(threadsBefore);
  }

  @Test
  void shouldThrowInsteadOfEndingJvmWhenKafkaRequestsExitOrHalt() {
    assertThatThrownBy(() -> Exit.exit(1, "simulated fatal fault"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("simulated fatal fault");
    assertThatThrownBy(() -> Exit.halt(1, "simulated fatal fault"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("simulated fatal fault");
  }

  private static String uniqueTopic() {
    return "it-" + UUID.randomUUID();
  }

  private static void createTopic(EmbeddedKafkaBroker broker, String topic) throws Exception {
    try (Admin admin = admin(broker)) {
      admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
    }
  }

  private static String clusterId(EmbeddedKafkaBroker broker) throws Exception {
    try (Admin admin = admin(broker)) {
      return admin.describeCluster().clusterId().get();
    }
  }

  private static Admin admin(EmbeddedKafkaBroker broker) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static RecordMetadata produce(
      EmbeddedKafkaBroker broker, String topic, String key, String value) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  /** Reads every partition from the beginning until {@code expected} records or the deadline. */
  private static List<ConsumerRecord<String, String>> consume(
      EmbeddedKafkaBroker broker, String topic, IsolationLevel isolation, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolation.toString(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Instant deadline = Instant.now().plus(DEADLINE);
      while (records.size() < expected && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static Set<Thread> liveNonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && !thread.isDaemon())
        .collect(Collectors.toSet());
  }
}
