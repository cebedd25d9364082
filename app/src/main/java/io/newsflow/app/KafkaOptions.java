package io.newsflow.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to a running Kafka cluster. */
final class KafkaOptions {
  static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

  @Option(
      names = {"-b", "--bootstrap-servers"},
      paramLabel = "HOST:PORT[,...]",
      description =
          "Kafka bootstrap servers (default: ${DEFAULT-VALUE}, where `newsflow broker` listens).",
      defaultValue = DEFAULT_BOOTSTRAP)
  String bootstrapServers;

  @Option(
      names = "--partitions",
      description =
          "Partitions of the pipeline topics when newsflow creates them (default: ${DEFAULT-VALUE}).",
      defaultValue = "3")
  int partitions;

  @Option(
      names = "--replication-factor",
      description =
          "Replication factor of topics newsflow creates (default: the broker's default).")
  Short replicationFactor;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file (properties): newsflow.* keys and Kafka client/Streams overrides.")
  Path configFile;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties for every producer, consumer, admin and Streams client, as"
              + " Kafka's own tools take them: security.protocol, ssl.*, sasl.* (TLS, SASL/SCRAM)."
              + " They win over --config.")
  Path commandConfig;

  private Settings settings;

  /** --config merged with --command-config (read once; the merged Kafka settings are logged). */
  Settings settings() {
    if (settings == null) {
      settings =
          ClientProperties.merge(Settings.load(configFile), ClientProperties.load(commandConfig));
      ClientProperties.log("newsflow", bootstrapServers, settings.kafka());
    }
    return settings;
  }

  /** What the command prints about its connection, e.g. {@code 127.0.0.1:9092 (SASL_SSL ...)}. */
  String describe() {
    return bootstrapServers + " over " + ClientProperties.describe(settings().kafka());
  }

  void ensureTopics() {
    PipelineTopics.ensure(
        ClientProperties.connection(bootstrapServers, settings().kafka()),
        partitions,
        java.util.Optional.ofNullable(replicationFactor));
  }
}
