package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.RawRecords;
import io.newsflow.ingest.InputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic contracts against real records: the seeds, an article and an exact copy of it, and two
 * bad records go through the real pipeline on a real broker; then every record of every public
 * topic is read back and checked against {@code docs/asyncapi.yaml} and the JSON Schemas it refers
 * to ({@code docs/schemas/}): values, keys, dead-letter headers. A value must also declare no
 * property the schema does not (checked with the schema closed), so a field the records write but
 * the schema misses fails here too. On the raw topic, exactly the records enrich dead-lettered
 * break the schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicContractsIT {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Path DOCUMENT = DOCS.resolve("asyncapi.yaml");
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Channels the document lists that carry no contract (ingest's own state). */
  private static final Set<String> NOT_CONTRACTS = Set.of("news.feeds.state");

  /** The key the document promises for a value, by topic. */
  private static final Map<String, java.util.function.Function<JsonNode, String>> KEY_OF_VALUE =
      Map.of(
          "news.articles.enriched", v -> v.at("/article/id").asText(),
          "news.articles.duplicates", v -> v.path("copyId").asText(),
          "news.counts",
              v ->
                  v.path("facet").asText()
                      + "|"
                      + v.path("key").asText()
                      + "|"
                      + v.path("window").asText()
                      + (v.has("windowStart") ? "@" + v.path("windowStart").asText() : ""));

  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private PipelineFixture pipeline;

  @BeforeAll
  void start(@TempDir Path dir) {
    pipeline = new PipelineFixture(dir);
  }

  @AfterAll
  void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void shouldMatchTheAsyncApiDocumentAndTheSchemasWhenReadingEveryRecordOfEveryPublicTopic()
      throws IOException {
    // Given: real records on every public topic.
    List<String> seeds = ingestSeeds();
    Instant now = Instant.now();
    String body =
        "JAKARTA (Reuters) - Presiden Joko Widodo bertemu Menteri Luar Negeri Amerika Serikat di"
            + " Istana Merdeka, Jakarta, pada Selasa untuk membahas kerja sama ekonomi dan"
            + " pertahanan kedua negara.";
    Article original =
        new Article(
                0,
                null,
                "https://contracts.example/asli",
                null,
                "Presiden bertemu Menlu AS",
                body,
                "id",
                now.minusSeconds(3600),
                now,
                List.of("Sumber: Reuters"),
                null,
                "TopicContractsIT")
            .withDefaults(now);
    Article copy =
        new Article(
                0,
                null,
                "https://copy.example/salinan",
                null,
                "Presiden bertemu Menlu AS",
                body,
                "id",
                now.minusSeconds(1800),
                now.plusMillis(1),
                null,
                null,
                "TopicContractsIT")
            .withDefaults(now);
    byte[] malformed = "{\"title\": \"broken".getBytes(StandardCharsets.UTF_8);
    byte[] noBody =
        "{\"outlet\":\"contracts.example\",\"title\":\"Tanpa isi\"}"
            .getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.bootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(RawRecords.serialized(original));
      producer.send(RawRecords.serialized(copy));
      producer.send(
          new ProducerRecord<>(ArticleTopics.RAW.name(), utf8("bad-malformed"), malformed));
      producer.send(new ProducerRecord<>(ArticleTopics.RAW.name(), utf8("bad-no-body"), noBody));
      producer.flush();
    }
    List<String> ids = new ArrayList<>(seeds);
    ids.add(original.id());
    ids.add(copy.id());
    pipeline.awaitOutput(
        "seeds, original and copy enriched, two dead letters, counts caught up",
        () ->
            ids.stream().allMatch(pipeline.summary::enriched)
                && pipeline.summary.deadLetters() >= 2
                && pipeline.summary.exactCopies() >= 1
                && pipeline.summary.countsCaughtUp());

    // When: every record of every channel of the document is read back.
    JsonNode document = new YAMLMapper().readTree(DOCUMENT.toFile());
    Map<String, JsonNode> messages = new TreeMap<>();
    document
        .path("channels")
        .forEach(
            channel ->
                channel
                    .path("messages")
                    .forEach(
                        m ->
                            messages.put(
                                channel.path("address").asText(), document.at(pointer(m)))));
    Set<String> contracts = new TreeSet<>(messages.keySet());
    contracts.removeAll(NOT_CONTRACTS);
    assertThat(contracts)
        .containsExactlyInAnyOrder(
            "news.articles.raw",
            "news.articles.enriched",
            "news.articles.duplicates",
            "news.articles.dlq",
            "news.counts");
    Map<String, List<ConsumerRecord<byte[], byte[]>>> records = readAll(contracts);

    // Then: every topic has records, and every record keeps the contract.
    Map<String, Integer> read = new TreeMap<>();
    records.forEach((topic, list) -> read.put(topic, list.size()));
    assertThat(read).as("records read per topic").allSatisfy((t, n) -> assertThat(n).isPositive());

    List<String> violations = new ArrayList<>();
    Set<String> rawViolations = new TreeSet<>();
    for (String topic : contracts) {
      JsonNode message = messages.get(topic);
      Contract contract = contract(message);
      for (ConsumerRecord<byte[], byte[]> r : records.get(topic)) {
        List<String> found = new ArrayList<>(contract.check(r));
        if (found.isEmpty() && KEY_OF_VALUE.containsKey(topic)) {
          String key = new String(r.key(), StandardCharsets.UTF_8);
          String expected = KEY_OF_VALUE.get(topic).apply(JSON.readTree(r.value()));
          if (!key.equals(expected)) {
            found.add(
                "key " + key + " is not the one the document gives for its value: " + expected);
          }
        }
        if (topic.equals(ArticleTopics.RAW.name())) {
          if (!found.isEmpty()) {
            rawViolations.add(r.partition() + ":" + r.offset());
          }
        } else {
          found.forEach(
              v -> violations.add(topic + " " + r.partition() + ":" + r.offset() + " " + v));
        }
      }
    }
    assertThat(violations).as("contract violations in real records").isEmpty();

    Set<String> deadLettered = new TreeSet<>();
    for (ConsumerRecord<byte[], byte[]> dead : records.get(EnrichTopics.DLQ.name())) {
      if (ArticleTopics.RAW.name().equals(DeadLetters.header(dead.headers(), DeadLetters.TOPIC))) {
        deadLettered.add(
            DeadLetters.header(dead.headers(), DeadLetters.PARTITION)
                + ":"
                + DeadLetters.header(dead.headers(), DeadLetters.OFFSET));
      }
    }
    assertThat(deadLettered).hasSize(2);
    assertThat(rawViolations)
        .as("raw records that break Article.schema.json are the dead-lettered ones")
        .isEqualTo(deadLettered);
    System.out.println("TopicContractsIT: records checked per topic " + read);
  }

  /** What one channel's message promises: a JSON value and key, or headers. */
  private interface Contract {
    List<String> check(ConsumerRecord<byte[], byte[]> record);
  }

  private Contract contract(JsonNode message) throws IOException {
    List<String> problems = new ArrayList<>();
    JsonNode payloadRef = message.path("payload").path("$ref");
    Schema value = null;
    Schema closed = null;
    if (payloadRef.isTextual()) {
      JsonNode schema = JSON.readTree(Files.readString(DOCS.resolve(payloadRef.asText())));
      value = registry.getSchema(schema);
      closed = registry.getSchema(closed(schema.deepCopy()));
    }
    JsonNode keyNode = message.at("/bindings/kafka/key");
    Schema key =
        keyNode.path("format").asText().equals("binary") || keyNode.isMissingNode()
            ? null
            : registry.getSchema(keyNode);
    Schema headers =
        message.has("headers") ? registry.getSchema(message.path("headers").deepCopy()) : null;
    if (value == null && headers == null) {
      throw new AssertionError("message " + message.path("name") + " has no payload schema");
    }
    Schema valueSchema = value;
    Schema closedSchema = closed;
    return record -> {
      List<String> found = new ArrayList<>();
      if (valueSchema != null) {
        String json =
            record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8);
        JsonNode node;
        try {
          node = JSON.readTree(json);
        } catch (IOException e) {
          return List.of("value is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        valueSchema.validate(node).forEach(e -> found.add("value " + e));
        if (found.isEmpty()) {
          closedSchema.validate(node).forEach(e -> found.add("value (schema closed) " + e));
        }
      }
      if (key != null) {
        String text =
            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        key.validate(JSON.getNodeFactory().textNode(text)).forEach(e -> found.add("key " + e));
      }
      if (headers != null) {
        ObjectNode map = JSON.createObjectNode();
        for (Header h : record.headers()) {
          map.put(
              h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        headers.validate(map).forEach(e -> found.add("headers " + e));
      }
      return found;
    };
  }

  /** The schema with {@code additionalProperties: false} wherever it lists properties. */
  private static JsonNode closed(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("properties") && !object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      object.properties().forEach(e -> closed(e.getValue()));
    } else if (node.isArray()) {
      node.forEach(TopicContractsIT::closed);
    }
    return node;
  }

  private static String pointer(JsonNode ref) {
    String text = ref.path("$ref").asText();
    assertThat(text).startsWith("#/");
    return text.substring(1);
  }

  private Map<String, List<ConsumerRecord<byte[], byte[]>>> readAll(Set<String> topics) {
    Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
    topics.forEach(t -> records.put(t, new ArrayList<>()));
    try (TopicTail tail = new TopicTail(pipeline.bootstrap(), topics)) {
      long deadline = System.nanoTime() + PipelineFixture.DEADLINE.toNanos();
      boolean caughtUp = false;
      while (!caughtUp) {
        assertThat(System.nanoTime())
            .as("read every topic to its end in time")
            .isLessThan(deadline);
        caughtUp = tail.catchUp(Duration.ofSeconds(5), r -> records.get(r.topic()).add(r));
      }
    }
    return records;
  }

  private List<String> ingestSeeds() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    IngestRun.Result result =
        IngestRun.run(
            pipeline.bootstrap(),
            Map.of(),
            List.of(PipelineIT.SEEDS.toString()),
            InputFormat.AUTO,
            Article.UNKNOWN_OUTLET,
            null,
            InputStream.nullInputStream(),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(result.sentIds()).isNotEmpty();
    return result.sentIds();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
