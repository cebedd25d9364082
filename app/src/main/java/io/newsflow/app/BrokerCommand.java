package io.newsflow.app;

import io.newsflow.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow broker}: a single-node KRaft broker in this process, until Ctrl-C. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a single-node Kafka broker (KRaft) in this process.",
      "A real broker + controller, with the pipeline topics created. Outside clients reach it too,"
          + " e.g. kcat -b 127.0.0.1:PORT -L.",
      "Stops cleanly on Ctrl-C; data stays in --data-dir for the next start."
    })
final class BrokerCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      description = "Where the broker keeps its log (default: ${DEFAULT-VALUE}).",
      defaultValue = "newsflow-data")
  Path dataDir;

  @Option(
      names = "--port",
      description = "Client port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "9092")
  int port;

  @Option(
      names = "--partitions",
      description = "Partitions of the pipeline topics (default: ${DEFAULT-VALUE}).",
      defaultValue = "3")
  int partitions;

  @Override
  public Integer call() throws Exception {
    try (Shutdown shutdown = new Shutdown()) {
      // Taken before the broker writes anything; released after it has stopped.
      shutdown.register(DataDirLock.acquire(dataDir));
      EmbeddedKafkaBroker broker = shutdown.register(Brokers.start(dataDir, port, System.out));
      PipelineTopics.ensure(broker.bootstrapServers(), partitions, Optional.empty());
      System.out.println("topics: " + String.join(", ", PipelineTopics.ALL));
      System.out.println("Ctrl-C to stop.");
      shutdown.awaitSignal();
    }
    return 0;
  }
}
