package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The deploy files say the same thing everywhere: the production settings the system test runs with
 * are the ones compose mounts and the Kubernetes ConfigMap carries.
 */
class DeployFilesTest {
  private static final Path PRODUCTION = Path.of("..", "deploy", "config", "production.properties");

  @Test
  void shouldCarryTheProductionSettingsVerbatimWhenTheConfigMapIsApplied() throws IOException {
    List<String> settings = Files.readAllLines(PRODUCTION, StandardCharsets.UTF_8);
    String configMap =
        Files.readString(Path.of("..", "deploy", "k8s", "config.yaml"), StandardCharsets.UTF_8);
    String embedded =
        configMap
            .substring(configMap.indexOf("newsflow.properties: |\n") + 23)
            .lines()
            .map(line -> line.startsWith("    ") ? line.substring(4) : line)
            .reduce("", (a, b) -> a + b + "\n");

    assertThat(embedded.strip()).isEqualTo(String.join("\n", settings).strip());
  }

  @Test
  void shouldMountTheProductionSettingsWhenComposeStartsTheApps() throws IOException {
    String compose =
        Files.readString(
            Path.of("..", "deploy", "compose", "compose.yaml"), StandardCharsets.UTF_8);

    assertThat(compose)
        .contains("../config/production.properties:/etc/newsflow/newsflow.properties:ro")
        .contains("--config=/etc/newsflow/newsflow.properties")
        .contains("KAFKA_MIN_INSYNC_REPLICAS: 2")
        .contains("KAFKA_DEFAULT_REPLICATION_FACTOR: 3");
  }
}
