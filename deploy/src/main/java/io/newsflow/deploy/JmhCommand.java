package io.newsflow.deploy;

import io.newsflow.deploy.bench.jmh.HotPathBenchmarks;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code newsflow jmh}: JMH microbenchmarks of enrich's per-article hot paths. */
@Command(
    name = "jmh",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the JMH microbenchmarks of enrich's hot paths (parsing, normalisation, language, wire"
          + " credits, themes, entities, MinHash/LSH, annotate, story terms, serdes): mean"
          + " microseconds per article of a 200-article bench corpus, with JMH's error bars.",
    })
final class JmhCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "REGEX",
      description = "Only benchmarks whose name matches (default: all).")
  String include;

  @Option(
      names = "--forks",
      defaultValue = "1",
      description = "JVM forks per benchmark (default: ${DEFAULT-VALUE}).")
  int forks;

  @Option(
      names = "--iterations",
      defaultValue = "5",
      description = "Measured iterations of --seconds each (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--warmups",
      defaultValue = "3",
      description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
  int warmups;

  @Option(
      names = "--seconds",
      defaultValue = "1",
      description = "Length of one iteration (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Override
  public Integer call() throws Exception {
    String pattern =
        HotPathBenchmarks.class.getName() + "." + (include == null ? "" : ".*" + include);
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(pattern)
            .forks(forks)
            .warmupIterations(warmups)
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(seconds));
    // A fork inherits this JVM's options, -Dnewsflow.home (where the seeds are) among them.
    new Runner(options.build()).run();
    return 0;
  }
}
