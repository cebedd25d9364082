package io.newsflow.tools;

import io.newsflow.app.Newsflow;
import picocli.CommandLine;

/**
 * The tools' launcher: the {@code newsflow} command line with the tools added (bench, jmh,
 * evaluations, NER training). Built into {@code tools/target/newsflow-tools.jar}, never into the
 * product jar; the {@code ./newsflow} script sends these commands here.
 */
public final class NewsflowTools {
  private NewsflowTools() {}

  /** The product's command line plus the tools. */
  public static CommandLine commandLine() {
    CommandLine cli = Newsflow.commandLine();
    cli.addSubcommand(new BenchCommand());
    cli.addSubcommand(new JmhCommand());
    cli.addSubcommand(new EvalSyndicationCommand());
    cli.addSubcommand(new EvalEntitiesCommand());
    cli.addSubcommand(new EvalLinkingCommand());
    cli.addSubcommand(new EvalStoriesCommand());
    cli.addSubcommand(new TrainNerCommand());
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
