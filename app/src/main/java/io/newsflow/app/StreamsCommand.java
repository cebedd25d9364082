package io.newsflow.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code enrich} and {@code aggregate} share: run one Streams app until Ctrl-C or failure. */
abstract class StreamsCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Option(
      names = "--state-dir",
      description = "Local state (RocksDB) directory (default: ${DEFAULT-VALUE}).",
      defaultValue = "newsflow-data/streams")
  Path stateDir;

  @Option(
      names = "--application-id",
      description = "Kafka Streams application id (default: newsflow-<stage>).")
  String applicationId;

  /** Builds the app; its metrics go to {@code observability}. */
  abstract StreamsService create(
      String bootstrap,
      Path stateDir,
      Settings settings,
      String appId,
      Observability observability);

  abstract String defaultApplicationId();

  /** The stage name: a tag on every metric of the app. */
  abstract String stage();

  /** Called once the app is RUNNING. */
  void started() {}

  /** Called when the command ends, after the app is closed. */
  void stopped() {}

  @Override
  public Integer call() throws Exception {
    kafka.ensureTopics();
    String appId = applicationId == null ? defaultApplicationId() : applicationId;
    try (Shutdown shutdown = new Shutdown();
        Observability observability = new Observability()) {
      StreamsService service =
          shutdown.register(
              create(kafka.bootstrapServers, stateDir, kafka.settings(), appId, observability));
      observability.bind(stage(), service.streams());
      service.start(Pipeline.START_TIMEOUT);
      System.out.println(appId + ": running against " + kafka.describe() + ". Ctrl-C to stop.");
      started();
      service.awaitStop(java.time.Duration.ofDays(365_000));
      if (shutdown.signalled()) {
        return 0;
      }
      System.err.println("error: " + appId + " stopped: state " + service.state());
      return 1;
    } finally {
      stopped();
    }
  }
}
