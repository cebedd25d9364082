package io.newsflow.deploy;

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

  Settings settings() {
    return Settings.load(configFile);
  }

  void ensureTopics() {
    PipelineTopics.ensure(
        bootstrapServers, partitions, java.util.Optional.ofNullable(replicationFactor));
  }
}
