package io.newsflow.tools.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Verdict;
import io.newsflow.enrich.decide.DecisionIndex;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The decide-step benchmarks run and report decisions per second; their stream is as described. */
class DecideBenchmarksTest {
  private static final Path SEEDS = Path.of("..", "seeds");

  @Test
  void shouldReportDecisionsPerSecondForEveryBenchmarkWhenRunBriefly() throws Exception {
    System.setProperty("newsflow.home", "..");
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(DecideBenchmarks.class.getName() + ".")
                    .param("indexSize", "3000")
                    .param("poolSize", "300")
                    .forks(0)
                    .warmupIterations(1)
                    .warmupTime(TimeValue.milliseconds(50))
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(200))
                    .shouldFailOnError(true)
                    .build())
            .run();

    Set<String> declared =
        Arrays.stream(DecideBenchmarks.class.getMethods())
            .filter(m -> m.isAnnotationPresent(Benchmark.class))
            .map(Method::getName)
            .collect(Collectors.toSet());
    assertThat(declared).containsExactlyInAnyOrder("decide", "decideAndAdd");
    Set<String> reported =
        results.stream()
            .map(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
            .collect(Collectors.toSet());
    assertThat(reported).isEqualTo(declared);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void shouldRepeatThePoolsCopiesInEveryUniverse() throws Exception {
    int pool = 200;
    DecideCorpus corpus = DecideCorpus.build(SEEDS, pool, 1_000, DecideCorpus.newIndex());
    DecisionIndex fresh = DecideCorpus.newIndex();
    Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);

    // Universe 2 decided alone: the same verdicts as the pool (its hashes and bands are the
    // pool's).
    for (long g = 2L * pool; g < 3L * pool; g++) {
      DecideCorpus.Input in = corpus.input(g);
      DecisionIndex.Decision d =
          fresh.decide(in.id(), in.time(), in.contentHash(), in.signature(), in.terms());
      assertThat(d.dedup().verdict()).as("article %d", g).isEqualTo(corpus.poolVerdict(g));
      verdicts.merge(d.dedup().verdict(), 1, Integer::sum);
      fresh.add(DecideCorpus.entry(in, d));
    }
    assertThat(verdicts).containsKeys(Verdict.values());

    // Across universes, nothing is a copy: universe 3 against universe 2 decides alike.
    for (long g = 3L * pool; g < 4L * pool; g++) {
      DecideCorpus.Input in = corpus.input(g);
      DecisionIndex.Decision d =
          fresh.decide(in.id(), in.time(), in.contentHash(), in.signature(), in.terms());
      assertThat(d.dedup().verdict()).as("article %d", g).isEqualTo(corpus.poolVerdict(g));
      fresh.add(DecideCorpus.entry(in, d));
    }
  }

  @Test
  void shouldKeepTheIndexAtItsSizeWhileDecidingAndAdding() throws Exception {
    System.setProperty("newsflow.home", "..");
    DecideBenchmarks.Stream s = new DecideBenchmarks.Stream();
    s.indexSize = 2_000;
    s.poolSize = 300;
    s.build();
    DecideBenchmarks bench = new DecideBenchmarks();

    for (int i = 0; i < 5_000; i++) {
      bench.decideAndAdd(s);
      assertThat(s.index.size()).isBetween(2_000, 2_001);
    }
    assertThat(s.verdicts.keySet()).containsExactlyInAnyOrder(Verdict.values());
  }
}
