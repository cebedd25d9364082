package io.newsflow.tools.bench.jmh;

import io.newsflow.contracts.Verdict;
import io.newsflow.enrich.decide.Decided;
import io.newsflow.enrich.decide.DecisionIndex;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * JMH benchmarks of enrich's ordered decide step alone ({@link DecisionIndex}: exact copy, near
 * copy, story), on one thread, in decisions per second, against an index holding {@code indexSize}
 * articles (default 1,000,000; {@code newsflow jmh Decide -p indexSize=10000} for a small one). The
 * index is filled with {@link DecideCorpus} entries in time order, one article every {@code keep /
 * indexSize} of record time, so the horizon expiry keeps it at {@code indexSize} while {@link
 * #decideAndAdd} adds.
 *
 * <p>The set-up prints the heap the index takes per article (used heap after a full GC, before and
 * after filling it) and the {@link Decided#SERDE} bytes per original and per copy (the value of the
 * {@code decide-log} store, the decide step's state per article); the tear-down the verdicts and
 * story kinds the measured articles got. The articles {@link #decideAndAdd} decides are made before
 * each iteration, outside the score (then a full GC moves them out of the young generation); each
 * iteration prints the thread's CPU time per decision (closer to the idle-machine figure when other
 * processes compete for the cores).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-XX:+AlwaysPreTouch"})
@Threads(1)
public class DecideBenchmarks {
  /** The index, the stream of new articles and what they got. */
  @State(Scope.Thread)
  public static class Stream {
    /** Articles in the index. */
    @Param({"1000000"})
    public int indexSize;

    /** Annotated bench-corpus articles the stream and the index are made of. */
    @Param({"4000"})
    public int poolSize;

    DecideCorpus corpus;
    DecisionIndex index;

    /** Stream position of the next article {@link #decideAndAdd} decides. */
    long next;

    /** Articles {@link #decide} cycles through (after the index, never added). */
    DecideCorpus.Input[] probes;

    int probe;

    /**
     * The next articles of the stream, made before the iteration (so the score is the decide step's
     * alone): {@code ready[i]} is article {@code readyFrom + i}.
     */
    DecideCorpus.Input[] ready = new DecideCorpus.Input[0];

    long readyFrom;

    /** Articles {@link #decideAndAdd} had to make during the iteration (ready ran out). */
    long madeDuring;

    /** Decisions made, and the thread's CPU time when the iteration began. */
    long decisions;

    long iterationDecisions;
    long iterationCpuNs;

    /**
     * What making articles up in the tear-down summed to (kept: the work is not optimised away).
     */
    long made;

    final Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    final Map<DecisionIndex.StoryKind, Long> kinds = new EnumMap<>(DecisionIndex.StoryKind.class);

    @Setup(Level.Trial)
    public void build() throws IOException {
      Path seeds = Path.of(System.getProperty("newsflow.home", "."), "seeds");
      index = DecideCorpus.newIndex();
      long started = System.nanoTime();
      corpus = DecideCorpus.build(seeds, poolSize, indexSize, DecideCorpus.newIndex());
      long pooled = System.nanoTime();
      long before = usedHeapAfterGc();
      for (long g = 0; g < indexSize; g++) {
        index.add(corpus.decided(g));
      }
      long filled = System.nanoTime();
      long after = usedHeapAfterGc();
      next = indexSize;
      probes = new DecideCorpus.Input[Math.max(1, Math.min(poolSize, indexSize / 10))];
      for (int i = 0; i < probes.length; i++) {
        probes[i] = corpus.input(indexSize + i);
      }
      print(
          "pool of %,d articles annotated and decided in %.1f s; index of %,d filled in %.1f s"
              + " (%,d entries kept, one every %,.1f ms of record time)",
          poolSize,
          (pooled - started) / 1e9,
          indexSize,
          (filled - pooled) / 1e9,
          index.size(),
          (double) index.keepMs() / indexSize);
      print(
          "heap: %,d MB used before filling, %,d MB after: %,.0f bytes per indexed article",
          before >> 20, after >> 20, (double) (after - before) / indexSize);
      printSerialisedSizes();
    }

    /** Decided.SERDE bytes of one universe's entries: the decide-log value per article. */
    private void printSerialisedSizes() {
      long[] bytes = new long[3];
      long[] count = new long[3];
      int[] max = new int[3];
      int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
      long from = Math.min(corpus.pool(), Math.max(0, indexSize - corpus.pool()));
      for (long g = from; g < from + corpus.pool(); g++) {
        Decided d = corpus.decided(g);
        int n = Decided.SERDE.serializer().serialize("decide-log", d).length;
        int v = d.verdict().ordinal();
        bytes[v] += n;
        count[v]++;
        max[v] = Math.max(max[v], n);
        min[v] = Math.min(min[v], n);
      }
      for (Verdict v : Verdict.values()) {
        int i = v.ordinal();
        if (count[i] > 0) {
          print(
              "Decided.SERDE, %s: %,d entries, mean %,.0f bytes (min %,d, max %,d)",
              v, count[i], (double) bytes[i] / count[i], min[i], max[i]);
        }
      }
      long all = count[0] + count[1] + count[2];
      print(
          "Decided.SERDE, all: mean %,.0f bytes per article (%.1f%% copies); key: the %d-char id",
          (double) (bytes[0] + bytes[1] + bytes[2]) / all,
          100.0 * (count[1] + count[2]) / all,
          DecideCorpus.id(0).length());
    }

    @Setup(Level.Iteration)
    public void startIteration(BenchmarkParams params) {
      if (params.getBenchmark().endsWith(".decideAndAdd")) {
        // Half as many again as the last iteration decided.
        int want = (int) Math.max(50_000, 1.5 * (decisions - iterationDecisions));
        if (want > ready.length) {
          ready = new DecideCorpus.Input[want];
        }
        for (int i = 0; i < ready.length; i++) {
          ready[i] = corpus.input(next + i);
        }
        readyFrom = next;
        madeDuring = 0;
        // Into the old generation with them (as JMH's -gc true would): the young collections of
        // the iteration then copy what deciding keeps, not a buffer that a stream never holds.
        System.gc();
      }
      iterationDecisions = decisions;
      iterationCpuNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** The thread's CPU time per decision: what the score would be on an idle machine, roughly. */
    @TearDown(Level.Iteration)
    public void endIteration() {
      long n = decisions - iterationDecisions;
      long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - iterationCpuNs;
      if (n > 0) {
        print(
            "%,d decisions, thread CPU %.1f us each: %,.0f decisions per CPU second%s",
            n,
            cpu / 1e3 / n,
            n * 1e9 / cpu,
            madeDuring > 0
                ? String.format(Locale.ROOT, " (%,d articles made meanwhile)", madeDuring)
                : "");
      }
    }

    void count(DecisionIndex.Decision d) {
      if (!d.resend()) {
        verdicts.merge(d.dedup().verdict(), 1L, Long::sum);
      }
      kinds.merge(d.storyKind(), 1L, Long::sum);
    }

    @TearDown(Level.Trial)
    public void report() {
      if (!verdicts.isEmpty()) {
        print(
            "decideAndAdd: %,d articles decided, verdicts %s, stories %s (NONE: re-sends); index %,d",
            next - indexSize, verdicts, kinds, index.size());
        long after = usedHeapAfterGc();
        print("heap after the stream: %,d MB", after >> 20);
      }
      // What making an article up costs (before each iteration, not in the score).
      int n = 20_000;
      long t0 = System.nanoTime();
      for (long g = 0; g < n; g++) {
        made += corpus.input(next + g).signature()[0];
      }
      print("making up one stream article: %.1f us", (System.nanoTime() - t0) / 1e3 / n);
    }
  }

  /**
   * One article of the stream decided and added, as the decide processor does: 70% new articles (an
   * original opens or joins a story), 30% exact and near copies of recent ones. Adding it expires
   * the oldest, so the index stays at {@code indexSize}.
   */
  @Benchmark
  public DecisionIndex.Decision decideAndAdd(Stream s) {
    long g = s.next++;
    long i = g - s.readyFrom;
    DecideCorpus.Input in;
    if (i < s.ready.length) {
      in = s.ready[(int) i];
      s.ready[(int) i] = null;
    } else {
      in = s.corpus.input(g);
      s.madeDuring++;
    }
    DecisionIndex.Decision d =
        s.index.decide(in.id(), in.time(), in.contentHash(), in.signature(), in.terms());
    if (!d.resend()) {
      s.index.add(DecideCorpus.entry(in, d));
    }
    s.count(d);
    s.decisions++;
    return d;
  }

  /** Only the decision (look-ups and scoring), for a fixed set of articles after the index. */
  @Benchmark
  public DecisionIndex.Decision decide(Stream s) {
    DecideCorpus.Input in = s.probes[s.probe];
    s.probe = s.probe + 1 == s.probes.length ? 0 : s.probe + 1;
    s.decisions++;
    return s.index.decide(in.id(), in.time(), in.contentHash(), in.signature(), in.terms());
  }

  static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static void print(String format, Object... args) {
    System.out.println("[decide] " + String.format(Locale.ROOT, format, args));
  }
}
