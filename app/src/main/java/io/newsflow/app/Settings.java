package io.newsflow.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A user's settings file ({@code --config FILE}, Java properties). Keys starting with {@code
 * newsflow.} configure newsflow's own stages (e.g. {@code newsflow.enrich.dedup.horizon=P7D});
 * every other key is passed to the Kafka clients and Kafka Streams as an override (e.g. {@code
 * num.stream.threads=2}).
 */
public record Settings(Map<String, String> newsflow, Map<String, String> kafka) {
  public static final String PREFIX = "newsflow.";

  public static Settings empty() {
    return new Settings(Map.of(), Map.of());
  }

  public static Settings load(Path file) {
    if (file == null) {
      return empty();
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read settings file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> own = new TreeMap<>();
    Map<String, String> kafka = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      (key.startsWith(PREFIX) ? own : kafka).put(key, props.getProperty(key).trim());
    }
    return new Settings(own, kafka);
  }
}
