package io.newsflow.app.system;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

/**
 * Three KRaft nodes (broker and controller each) of the {@code newsflow/kafka} image on a network
 * of their own: replication factor 3, {@code min.insync.replicas=2}, so one node may be down. Other
 * containers reach them at {@code kafka-N:19092}; the test JVM at {@code 127.0.0.1:<port>}, a fixed
 * host port per node (fixed so that it survives a restart of the container).
 */
final class KafkaCluster {
  static final int NODES = 3;

  private final List<GenericContainer<?>> nodes = new ArrayList<>();
  private final int[] hostPorts = new int[NODES];

  KafkaCluster(Network network, String image) throws IOException {
    String clusterId = Uuid.randomUuid().toString();
    String voters =
        IntStream.rangeClosed(1, NODES)
            .mapToObj(i -> i + "@kafka-" + i + ":9093")
            .collect(Collectors.joining(","));
    for (int i = 1; i <= NODES; i++) {
      int port = freePort();
      hostPorts[i - 1] = port;
      GenericContainer<?> node =
          new GenericContainer<>(image)
              .withNetwork(network)
              .withNetworkAliases("kafka-" + i)
              .withEnv("CLUSTER_ID", clusterId)
              .withEnv("KAFKA_NODE_ID", String.valueOf(i))
              .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
              .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
              .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
              .withEnv(
                  "KAFKA_LISTENERS",
                  "INTERNAL://:19092,EXTERNAL://:" + port + ",CONTROLLER://:9093")
              .withEnv(
                  "KAFKA_ADVERTISED_LISTENERS",
                  "INTERNAL://kafka-" + i + ":19092,EXTERNAL://127.0.0.1:" + port)
              .withEnv(
                  "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                  "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT")
              .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
              .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
              .withEnv("KAFKA_MIN_INSYNC_REPLICAS", "2")
              .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
              .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
              .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
              .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
              .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
              // The corpus carries historic timestamps: no time retention (see TestBrokers).
              .withEnv("KAFKA_LOG_RETENTION_MS", "-1")
              .withEnv("KAFKA_HEAP_OPTS", "-Xms256m -Xmx384m")
              .withCreateContainerCmdModifier(
                  cmd ->
                      cmd.withExposedPorts(ExposedPort.tcp(port))
                          .getHostConfig()
                          .withPortBindings(
                              new PortBinding(
                                  Ports.Binding.bindIpAndPort("127.0.0.1", port),
                                  ExposedPort.tcp(port))))
              .waitingFor(
                  Wait.forLogMessage(".*Kafka Server started.*", 1)
                      .withStartupTimeout(Duration.ofMinutes(3)));
      nodes.add(node);
    }
  }

  /** Starts the nodes together (each waits for a quorum of the others) and waits for 3 brokers. */
  void start() throws InterruptedException, ExecutionException, TimeoutException {
    Startables.deepStart(nodes).join();
    try (Admin admin = admin()) {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size() < NODES) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("fewer than " + NODES + " brokers after 2 minutes");
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  /** Bootstrap servers for containers on the network. */
  String internalBootstrap() {
    return IntStream.rangeClosed(1, NODES)
        .mapToObj(i -> "kafka-" + i + ":19092")
        .collect(Collectors.joining(","));
  }

  /** Bootstrap servers for the test JVM. */
  String externalBootstrap() {
    return IntStream.of(hostPorts).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, externalBootstrap()));
  }

  /** The node id (1-based) of the KRaft quorum's leader. */
  int quorumLeader() throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin = admin()) {
      return admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
    }
  }

  /** Stops node {@code id} (SIGTERM: a controlled shutdown), keeping its container and data. */
  void stop(int id) {
    DockerClientFactory.instance()
        .client()
        .stopContainerCmd(node(id).getContainerId())
        .withTimeout(60)
        .exec();
  }

  /** Starts a stopped node again on its data, and waits until the cluster has all brokers. */
  void restart(int id) throws InterruptedException, ExecutionException, TimeoutException {
    DockerClientFactory.instance().client().startContainerCmd(node(id).getContainerId()).exec();
    try (Admin admin = admin()) {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size() < NODES) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("node " + id + " did not rejoin within 2 minutes");
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  GenericContainer<?> node(int id) {
    return nodes.get(id - 1);
  }

  List<GenericContainer<?>> nodes() {
    return nodes;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
