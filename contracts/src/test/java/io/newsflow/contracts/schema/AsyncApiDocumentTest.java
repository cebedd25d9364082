package io.newsflow.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.newsflow.contracts.AggregateTopics;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.EnrichTopics;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/asyncapi.yaml} is a valid AsyncAPI 3.0.0 document (against the specification's own
 * JSON Schema, vendored in {@code src/test/resources/asyncapi}), every reference in it resolves, it
 * uses every committed schema, and it names every topic and dead-letter header the contracts
 * declare.
 */
class AsyncApiDocumentTest {
  static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final JsonNode document = read();

  private static JsonNode read() {
    try {
      return YAML.readTree(DOCUMENT.toFile());
    } catch (IOException e) {
      throw new AssertionError(DOCUMENT + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  @Test
  void shouldBeAValidAsyncApi3DocumentWhenCheckedAgainstTheSpecificationsSchema()
      throws IOException {
    JsonNode specification;
    try (InputStream in =
        new GZIPInputStream(
            AsyncApiDocumentTest.class.getResourceAsStream(
                "/asyncapi/asyncapi-3.0.0.schema.json.gz"))) {
      specification = JSON.readTree(in);
    }
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(specification);

    List<Error> errors = schema.validate(document);

    assertThat(errors).as("AsyncAPI 3.0.0 violations in %s", DOCUMENT).isEmpty();
    assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
  }

  @Test
  void shouldResolveEveryReferenceToANodeOfTheDocumentOrACommittedSchema() {
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      if (ref.startsWith("#")) {
        assertThat(document.at(ref.substring(1)).isMissingNode())
            .as("%s in %s resolves", ref, DOCUMENT)
            .isFalse();
      } else {
        Path file = DOCUMENT.getParent().resolve(ref.replaceFirst("#.*", ""));
        assertThat(file).as("%s in %s resolves", ref, DOCUMENT).isRegularFile();
      }
    }
  }

  @Test
  void shouldUseEveryCommittedSchemaAsAMessagePayload() throws IOException {
    Set<String> payloads = new TreeSet<>();
    document
        .path("components")
        .path("messages")
        .forEach(
            message -> {
              String ref = message.path("payload").path("$ref").asText("");
              if (!ref.isEmpty()) {
                payloads.add(Path.of(ref).getFileName().toString());
              }
            });
    Set<String> committed;
    try (Stream<Path> files = Files.list(ContractSchemasTest.SCHEMAS)) {
      committed =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".schema.json"))
              .collect(Collectors.toCollection(TreeSet::new));
    }

    assertThat(payloads).isEqualTo(committed);
    assertThat(payloads).isEqualTo(new TreeSet<>(ContractSchemas.TOPIC_VALUE_TYPES.keySet()));
  }

  @Test
  void shouldHaveAChannelForEveryTopicTheContractsDeclare() {
    Set<String> addresses = new TreeSet<>();
    document.path("channels").forEach(c -> addresses.add(c.path("address").asText()));

    assertThat(addresses)
        .contains(
            ArticleTopics.RAW.name(),
            EnrichTopics.ENRICHED.name(),
            EnrichTopics.DUPLICATES.name(),
            EnrichTopics.DLQ.name(),
            AggregateTopics.COUNTS.name());
    document
        .path("channels")
        .forEach(
            c ->
                assertThat(c.at("/bindings/kafka/topic").asText())
                    .as("kafka binding topic of %s", c.path("address").asText())
                    .isEqualTo(c.path("address").asText()));
  }

  @Test
  void shouldDescribeEveryDeadLetterHeaderAndStageThatDeadLettersDeclares() throws Exception {
    JsonNode headers = document.at("/components/messages/DeadLetter/headers");
    Set<String> described = new TreeSet<>();
    headers.path("properties").properties().forEach(e -> described.add(e.getKey()));
    Set<String> stages = new TreeSet<>();
    headers.at("/properties/newsflow.dlq.stage/enum").forEach(s -> stages.add(s.asText()));

    Set<String> declared = new TreeSet<>();
    Set<String> declaredStages = new TreeSet<>();
    for (Field f : DeadLetters.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())
          && Modifier.isPublic(f.getModifiers())
          && f.getType() == String.class) {
        String value = (String) f.get(null);
        if (f.getName().startsWith("STAGE_")) {
          declaredStages.add(value);
        } else if (value.startsWith(DeadLetters.PREFIX) && !value.equals(DeadLetters.PREFIX)) {
          declared.add(value);
        }
      }
    }

    assertThat(described).isEqualTo(declared);
    assertThat(stages).isEqualTo(declaredStages);
    List<String> required = new ArrayList<>();
    headers.path("required").forEach(r -> required.add(r.asText()));
    assertThat(required)
        .containsExactlyInAnyOrder(
            DeadLetters.REASON,
            DeadLetters.STAGE,
            DeadLetters.TOPIC,
            DeadLetters.PARTITION,
            DeadLetters.OFFSET);
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
          refs.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), refs);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }
}
