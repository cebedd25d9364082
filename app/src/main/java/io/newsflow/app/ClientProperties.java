package io.newsflow.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka client properties for every client of a command ({@code --command-config FILE}, as Kafka's
 * own tools take it): security ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}) and any
 * other client setting. They are merged into the producer, consumer, admin and Streams settings of
 * the command, over {@code --config}; the clients newsflow creates for its own bookkeeping (topic
 * creation, reading output back) get the connection part: {@code security.*}, {@code ssl.*}, {@code
 * sasl.*}, {@code client.dns.lookup}.
 */
final class ClientProperties {
  private static final Logger LOG = LoggerFactory.getLogger(ClientProperties.class);

  private ClientProperties() {}

  /** The properties of {@code file}; empty for null. */
  static Map<String, String> load(Path file) {
    if (file == null) {
      return Map.of();
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --command-config " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> out = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      out.put(key, props.getProperty(key).trim());
    }
    return out;
  }

  /** {@code settings} with {@code client} merged into its Kafka settings ({@code client} wins). */
  static Settings merge(Settings settings, Map<String, String> client) {
    if (client.isEmpty()) {
      return settings;
    }
    Map<String, String> kafka = new TreeMap<>(settings.kafka());
    kafka.putAll(client);
    return new Settings(settings.newsflow(), kafka);
  }

  /** Bootstrap servers plus the connection settings among {@code kafka}. */
  static Map<String, Object> connection(String bootstrapServers, Map<String, String> kafka) {
    Map<String, Object> config = new HashMap<>();
    kafka.forEach(
        (k, v) -> {
          if (isConnection(k)) {
            config.put(k, v);
          }
        });
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  static boolean isConnection(String key) {
    return key.startsWith("security.")
        || key.startsWith("ssl.")
        || key.startsWith("sasl.")
        || key.equals(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG);
  }

  /** How the clients reach Kafka, e.g. {@code SASL_SSL (SCRAM-SHA-512)}; never a secret. */
  static String describe(Map<String, String> kafka) {
    String protocol =
        kafka
            .getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")
            .toUpperCase(Locale.ROOT);
    String mechanism = kafka.get("sasl.mechanism");
    if (protocol.startsWith("SASL")) {
      return protocol + " (" + (mechanism == null ? "GSSAPI" : mechanism) + ")";
    }
    return protocol;
  }

  /** Logs the Kafka settings a command runs with, secrets masked. */
  static void log(String command, String bootstrapServers, Map<String, String> kafka) {
    LOG.info(
        "{}: Kafka at {} over {}, settings {}",
        command,
        bootstrapServers,
        describe(kafka),
        Secrets.masked(kafka));
  }
}
