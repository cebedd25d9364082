package io.newsflow.tools.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every JMH benchmark runs (in this JVM, briefly) and reports a time: none throws, none is lost.
 */
class HotPathBenchmarksTest {
  @Test
  void shouldReportATimeForEveryBenchmarkWhenRunBriefly() throws Exception {
    System.setProperty("newsflow.home", "..");
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(HotPathBenchmarks.class.getName() + ".")
                    .forks(0)
                    .warmupIterations(1)
                    .warmupTime(TimeValue.milliseconds(50))
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(100))
                    .shouldFailOnError(true)
                    .build())
            .run();

    Set<String> declared =
        Arrays.stream(HotPathBenchmarks.class.getMethods())
            .filter(m -> m.isAnnotationPresent(Benchmark.class))
            .map(Method::getName)
            .collect(Collectors.toSet());
    assertThat(declared).hasSizeGreaterThanOrEqualTo(14);
    Set<String> reported =
        results.stream()
            .map(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
            .collect(Collectors.toSet());
    assertThat(reported).isEqualTo(declared);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }
}
