package io.newsflow.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker running inside this JVM: KRaft combined mode (broker and controller in
 * one node, id 1, static quorum), PLAINTEXT on {@code 127.0.0.1} so outside clients such as kcat
 * can reach it, and defaults that suit one node and exactly-once Kafka Streams.
 *
 * <p>The data directory is formatted only when it holds no {@code meta.properties}, so starting a
 * new broker on the directory of a stopped one keeps its topics and records.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder(dataDir).port(9092).build()) {
 *   broker.start();
 *   run(broker.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Extra listeners (e.g. {@code SASL_SSL} for a test of TLS and SCRAM) are added with {@link
 * Builder#listener}; their settings go in {@link Builder#properties} under {@code
 * listener.name.<name>.}, and SCRAM users are created when the directory is formatted ({@link
 * Builder#scramUser}). The PLAINTEXT listener stays: the broker and its readiness check use it.
 *
 * <p>An instance is started at most once; {@link #close()} is idempotent.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDir;
  private final int requestedPort;
  private final Map<String, String> overrides;
  private final Map<String, String> extraListeners;
  private final List<String> scramArguments;

  private KafkaRaftServer server;
  private int port;
  private final Map<String, Integer> extraPorts = new LinkedHashMap<>();
  private boolean started;
  private boolean closed;

  private EmbeddedKafkaBroker(Builder builder) {
    this.dataDir = builder.dataDir.toAbsolutePath();
    this.requestedPort = builder.port;
    this.overrides = Map.copyOf(builder.properties);
    this.extraListeners = new LinkedHashMap<>(builder.listeners);
    this.scramArguments = List.copyOf(builder.scramArguments);
  }

  /** Starts a builder for a broker that keeps its logs and metadata in {@code dataDir}. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /**
   * Formats the data directory if needed, starts the broker and returns once it answers an Admin
   * {@code describeCluster}.
   *
   * @throws IllegalStateException if the broker cannot start; no broker threads are left running
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("Broker already started; create a new instance to restart");
    }
    started = true;
    long begin = System.nanoTime();
    installExitGuard();
    boolean running = false;
    try {
      Files.createDirectories(dataDir);
      int[] free = freePorts(2 + extraListeners.size(), requestedPort);
      port = requestedPort == 0 ? free[0] : requestedPort;
      int next = 2;
      for (String name : extraListeners.keySet()) {
        extraPorts.put(name, free[next++]);
      }
      KafkaConfig config = KafkaConfig.fromProps(brokerProperties(port, free[1]), false);
      formatIfNeeded(config);
      server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      awaitReady();
      running = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw startFailure(e);
    } catch (Exception e) {
      throw startFailure(e);
    } finally {
      // A half-started broker (e.g. after a port clash) keeps non-daemon threads that would stop
      // the JVM from exiting.
      if (!running) {
        stopServer();
      }
    }
    LOG.info(
        "Kafka broker started on {} (data dir {}) in {} ms",
        bootstrapServers(),
        dataDir,
        Duration.ofNanos(System.nanoTime() - begin).toMillis());
  }

  /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. Valid once {@link #start()} ran. */
  public String bootstrapServers() {
    return HOST + ":" + port();
  }

  /**
   * {@code 127.0.0.1:PORT} of an extra listener added with {@link Builder#listener}. Valid once
   * {@link #start()} ran.
   */
  public synchronized String bootstrapServers(String listenerName) {
    Integer listenerPort = extraPorts.get(listenerName);
    if (listenerPort == null) {
      throw new IllegalArgumentException(
          "no listener " + listenerName + " (started: " + started + ")");
    }
    return HOST + ":" + listenerPort;
  }

  /** The PLAINTEXT port: the requested one, or the free port picked at {@link #start()}. */
  public synchronized int port() {
    return started ? port : requestedPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the broker and waits for its threads to end. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      long begin = System.nanoTime();
      stopServer();
      LOG.info(
          "Kafka broker on port {} stopped in {} ms",
          port,
          Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }
  }

  private IllegalStateException startFailure(Exception cause) {
    Throwable reported = cause instanceof ExecutionException ? cause.getCause() : cause;
    return new IllegalStateException(
        "Kafka broker failed to start on " + bootstrapServers() + " with data dir " + dataDir,
        reported);
  }

  private Properties brokerProperties(int brokerPort, int controllerPort) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    StringBuilder listeners =
        new StringBuilder(
            "PLAINTEXT://"
                + HOST
                + ":"
                + brokerPort
                + ",CONTROLLER://"
                + HOST
                + ":"
                + controllerPort);
    StringBuilder advertised = new StringBuilder("PLAINTEXT://" + HOST + ":" + brokerPort);
    StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    for (Map.Entry<String, String> extra : extraListeners.entrySet()) {
      String address = extra.getKey() + "://" + HOST + ":" + extraPorts.get(extra.getKey());
      listeners.append(',').append(address);
      advertised.append(',').append(address);
      protocols.append(',').append(extra.getKey()).append(':').append(extra.getValue());
    }
    props.put("listeners", listeners.toString());
    props.put("advertised.listeners", advertised.toString());
    props.put("listener.security.protocol.map", protocols.toString());
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", dataDir.toString());
    // One node cannot host the default three replicas of Kafka's internal topics; without these,
    // consumer groups and transactions (exactly-once Streams) never become available.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    // Waiting for more group members to join only delays a single-process pipeline.
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("num.partitions", "3");
    // Topics are declared explicitly; a typo in a topic name must fail, not create a new topic.
    props.put("auto.create.topics.enable", "false");
    props.putAll(overrides);
    Properties properties = new Properties();
    properties.putAll(props);
    return properties;
  }

  private void formatIfNeeded(KafkaConfig config) throws Exception {
    // Formatting an existing directory with a new cluster id fails, and skipping it keeps the data.
    if (Files.exists(
        Path.of(config.metadataLogDir(), MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
      LOG.info("Reusing formatted data dir {}", dataDir);
      return;
    }
    String clusterId = Uuid.randomUuid().toString();
    // The Formatter reports to a PrintStream (System.out by default); keep it in the log instead.
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(printStream)
          .setNodeId(config.nodeId())
          .setClusterId(clusterId)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setUnstableFeatureVersionsEnabled(false)
          .setControllerListenerName(config.controllerListenerNames().get(0))
          .setMetadataLogDirectory(config.metadataLogDir())
          .setDirectories(config.logDirs())
          .setScramArguments(scramArguments)
          .run();
    }
    LOG.info(
        "Formatted data dir {} for new cluster {} at metadata.version {}",
        dataDir,
        clusterId,
        MetadataVersion.LATEST_PRODUCTION);
    LOG.debug("Formatter output: {}", output.toString(StandardCharsets.UTF_8).trim());
  }

  private void awaitReady() throws Exception {
    // Readiness as a client sees it: a metadata request answered through the advertised listener.
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      int timeoutMs = Math.toIntExact(READY_TIMEOUT.toMillis());
      admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes().get();
    }
  }

  private void stopServer() {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Kafka broker on port {} did not shut down cleanly", port, e);
    } finally {
      server = null;
    }
  }

  /**
   * {@code n} distinct free ports, none equal to {@code taken}. The probe sockets stay open until
   * all are chosen: probing one at a time, the OS can hand out the same ephemeral port twice (seen
   * here: broker and controller listeners on one port, and the broker refused to start).
   */
  private static int[] freePorts(int n, int taken) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; ) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        sockets.add(socket);
        if (socket.getLocalPort() != taken) {
          ports[i++] = socket.getLocalPort();
        }
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  /**
   * Kafka reports fatal faults (e.g. a failed metadata log dir) by calling {@link Exit}, which by
   * default ends the JVM that also runs the pipeline. Exit's procedures are JVM-wide statics owned
   * by Kafka, the only hook it offers; they are never reset because another broker in this JVM may
   * still rely on them. A broker that hit such a fault is unusable and should be closed.
   */
  private static void installExitGuard() {
    Exit.Procedure guard =
        (status, message) -> {
          LOG.error("Kafka asked to end the JVM with status {}: {}; refusing", status, message);
          throw new IllegalStateException(
              "Kafka asked to end the JVM with status " + status + ": " + message);
        };
    Exit.setExitProcedure(guard);
    Exit.setHaltProcedure(guard);
  }

  /** Configures an {@link EmbeddedKafkaBroker}. */
  public static final class Builder {
    private final Path dataDir;
    private int port;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> listeners = new LinkedHashMap<>();
    private final List<String> scramArguments = new ArrayList<>();

    private Builder(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The PLAINTEXT port on 127.0.0.1; 0 (the default) picks a free port at start. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * An extra listener on 127.0.0.1 with a port picked at start, e.g. {@code listener("SASL_SSL",
     * "SASL_SSL")}; its own settings (key store, SASL mechanisms, JAAS) go in {@link #properties}
     * as {@code listener.name.sasl_ssl.*}. Reach it with {@link
     * EmbeddedKafkaBroker#bootstrapServers(String)}.
     *
     * @param name listener name, upper case, not PLAINTEXT or CONTROLLER
     * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
     */
    public Builder listener(String name, String securityProtocol) {
      if (!name.matches("[A-Z][A-Z0-9_]*")
          || name.equals("PLAINTEXT")
          || name.equals("CONTROLLER")) {
        throw new IllegalArgumentException("listener name must be upper case and new: " + name);
      }
      org.apache.kafka.common.security.auth.SecurityProtocol.forName(securityProtocol);
      listeners.put(name, securityProtocol);
      return this;
    }

    /**
     * A SCRAM user created when the data directory is formatted (a new directory only; a restart
     * keeps the users of the first start), e.g. {@code scramUser("SCRAM-SHA-512", "alice", pw)}.
     */
    public Builder scramUser(String mechanism, String user, String password) {
      if (!mechanism.equals("SCRAM-SHA-256") && !mechanism.equals("SCRAM-SHA-512")) {
        throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
      }
      if (user.contains(",")
          || user.contains("]")
          || password.contains(",")
          || password.contains("]")) {
        throw new IllegalArgumentException("SCRAM user and password may not contain ',' or ']'");
      }
      scramArguments.add(mechanism + "=[name=" + user + ",password=" + password + "]");
      return this;
    }

    /** Broker properties that override the defaults, e.g. {@code log.retention.hours}. */
    public Builder properties(Map<String, String> properties) {
      this.properties.putAll(properties);
      return this;
    }

    public EmbeddedKafkaBroker build() {
      return new EmbeddedKafkaBroker(this);
    }
  }
}
