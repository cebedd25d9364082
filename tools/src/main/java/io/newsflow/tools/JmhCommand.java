package io.newsflow.tools;

import io.newsflow.tools.bench.jmh.HotPathBenchmarks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code newsflow jmh}: JMH microbenchmarks of enrich's per-article hot paths and of the decide
 * step.
 */
@Command(
    name = "jmh",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the JMH microbenchmarks of enrich's hot paths (parsing, normalisation, language, wire"
          + " credits, themes, entities, MinHash/LSH, annotate, story terms, serdes): mean"
          + " microseconds per article of a 200-article bench corpus, with JMH's error bars.",
      "With a REGEX, also those of the decide step (DecideBenchmarks: decisions per second"
          + " against an index of 1,000,000 articles; its own JVM takes 10 GB of heap).",
    })
final class JmhCommand implements Callable<Integer> {
  static final String PACKAGE = HotPathBenchmarks.class.getPackageName();

  @Parameters(
      arity = "0..1",
      paramLabel = "REGEX",
      description =
          "Only benchmarks whose class and name match, e.g. annotate, DecideBenchmarks,"
              + " DecideBenchmarks.decide$ (default: all of HotPathBenchmarks).")
  String include;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "NAME=V1,V2",
      description = "Benchmark parameter values, e.g. -p indexSize=10000 (repeatable).")
  List<String> params = new ArrayList<>();

  @Option(
      names = "--prof",
      paramLabel = "PROFILER",
      description = "A JMH profiler and its options, e.g. gc, stack:lines=3, jfr (repeatable).")
  List<String> profilers = new ArrayList<>();

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
        include == null ? HotPathBenchmarks.class.getName() + "\\." : PACKAGE + "\\..*" + include;
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(pattern)
            .forks(forks)
            .warmupIterations(warmups)
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(seconds));
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--param takes NAME=V1,V2, was " + p);
      }
      options.param(p.substring(0, eq), p.substring(eq + 1).split(","));
    }
    for (String profiler : profilers) {
      int colon = profiler.indexOf(':');
      if (colon < 0) {
        options.addProfiler(profiler);
      } else {
        options.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
      }
    }
    // A fork inherits this JVM's options, -Dnewsflow.home (where the seeds are) among them.
    new Runner(options.build()).run();
    return 0;
  }
}
