package io.newsflow.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code newsflow} launcher: one command per stage, plus the one-command demo. */
@Command(
    name = "newsflow",
    mixinStandardHelpOptions = true,
    versionProvider = Newsflow.Version.class,
    description = "Streaming news ingestion pipeline on Apache Kafka and Kafka Streams.",
    footer = {
      "",
      "Tools, run by the same ./newsflow script from tools/target/newsflow-tools.jar (not part of"
          + " the product jar): bench, jmh, eval-syndication, eval-entities, eval-stories,"
          + " train-ner."
    },
    subcommands = {
      DemoCommand.class,
      BrokerCommand.class,
      IngestCommand.class,
      ServeCommand.class,
      EnrichCommand.class,
      AggregateCommand.class,
      DumpCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Newsflow implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** A command line with newsflow's error handling: a clear one-line error, no stack trace. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Newsflow());
    cli.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          cmd.getErr()
              .println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          org.slf4j.LoggerFactory.getLogger(Newsflow.class).debug("command failed", e);
          return 1;
        });
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Newsflow.class.getPackage().getImplementationVersion();
      return new String[] {"newsflow " + (v == null ? "(development build)" : v)};
    }
  }
}
