package io.newsflow.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code newsflow dump}: what topics hold, as JSON Lines files. */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the pipeline topics to DIR/<topic>.jsonl files.",
      "Every committed record of the pipeline topics (or of the TOPICs given), one JSON line each."
    })
final class DumpCommand implements Callable<Integer> {
  @Option(
      names = {"-b", "--bootstrap-servers"},
      defaultValue = KafkaOptions.DEFAULT_BOOTSTRAP,
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties (security.protocol, ssl.*, sasl.*), as Kafka's own tools take"
              + " them.")
  Path commandConfig;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Parameters(
      arity = "0..*",
      paramLabel = "TOPIC",
      description = "Topics (default: the pipeline topics).")
  List<String> topics;

  @Override
  public Integer call() throws Exception {
    List<String> chosen = topics == null || topics.isEmpty() ? PipelineTopics.ALL : topics;
    Map<String, String> client = ClientProperties.load(commandConfig);
    ClientProperties.log("dump", bootstrapServers, client);
    Map<String, Long> written =
        TopicDumper.dump(ClientProperties.connection(bootstrapServers, client), chosen, out);
    chosen.forEach(
        t ->
            System.out.println(
                "dump: " + written.get(t) + " records -> " + out.resolve(t + ".jsonl")));
    return 0;
  }
}
