package io.newsflow.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.contracts.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Writes what topics hold as one JSON Lines file per topic ({@code DIR/<topic>.jsonl}): one line
 * per committed record with partition, offset, timestamp, key, value (parsed JSON when the value is
 * JSON, else text, else base64) and headers.
 */
public final class TopicDumper {
  private static final ObjectMapper MAPPER = Json.mapper();

  private TopicDumper() {}

  /** Dumps {@code topics}; returns the number of records written per topic. */
  public static Map<String, Long> dump(String bootstrapServers, List<String> topics, Path dir)
      throws IOException {
    return dump(
        Map.of(
            org.apache.kafka.clients.CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers),
        topics,
        dir);
  }

  /** As {@link #dump(String, List, Path)}, reading with {@code clientConfig} (with security). */
  public static Map<String, Long> dump(
      Map<String, Object> clientConfig, List<String> topics, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Long> written = new HashMap<>();
    for (String topic : topics) {
      Path file = dir.resolve(topic + ".jsonl");
      long n = 0;
      try (TopicTail tail = new TopicTail(clientConfig, List.of(topic));
          BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (!tail.catchUp(Duration.ofSeconds(60), records::add)) {
          throw new IOException("timed out reading " + topic);
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
          out.write(MAPPER.writeValueAsString(line(r)));
          out.newLine();
          n++;
        }
      }
      written.put(topic, n);
    }
    return written;
  }

  static ObjectNode line(ConsumerRecord<byte[], byte[]> r) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("partition", r.partition());
    node.put("offset", r.offset());
    node.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
    node.set("key", bytes(r.key(), false));
    node.set("value", bytes(r.value(), true));
    ObjectNode headers = MAPPER.createObjectNode();
    for (Header h : r.headers()) {
      headers.set(h.key(), bytes(h.value(), false));
    }
    if (!headers.isEmpty()) {
      node.set("headers", headers);
    }
    return node;
  }

  private static JsonNode bytes(byte[] data, boolean tryJson) {
    if (data == null) {
      return MAPPER.nullNode();
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
    } catch (CharacterCodingException e) {
      return MAPPER.createObjectNode().put("base64", Base64.getEncoder().encodeToString(data));
    }
    if (tryJson) {
      try {
        return MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        // Not JSON (a dead letter, say): keep it as text.
      }
    }
    return MAPPER.getNodeFactory().textNode(text);
  }
}
