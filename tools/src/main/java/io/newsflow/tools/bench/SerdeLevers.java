package io.newsflow.tools.bench;

import io.newsflow.aggregate.EnrichedForCounting;
import io.newsflow.aggregate.EventTimeExtractor;
import io.newsflow.aggregate.Facet;
import io.newsflow.analysis.Annotator;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichedSizeBound;
import io.newsflow.testkit.Corpus;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The two serde levers of issue 22, before and after, alternated round by round in one JVM (the
 * order swapped every round), thread CPU time per article over bench-corpus articles annotated as
 * enrich annotates them; prints every round and the medians.
 *
 * <ol>
 *   <li>enrich: the 900 KiB check, then the sink's write. Before: the record serialised for the
 *       check and again by the sink; after: {@link EnrichedSizeBound} and the sink's write.
 *   <li>aggregate: reading an enriched record and what counting takes from it ({@link
 *       Facet#keysOf}, the story article, the event time). Before: the whole record; after: {@link
 *       EnrichedForCounting}.
 * </ol>
 *
 * <p>{@code java -cp 'tools/target/newsflow-tools.jar:tools/target/lib/*' -Dnewsflow.home=.
 * io.newsflow.tools.bench.SerdeLevers [ROUNDS] [ARTICLES]}
 */
public final class SerdeLevers {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private SerdeLevers() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    System.out.printf(Locale.ROOT, "load average at start: %s%n", load());
    List<EnrichedArticle> articles = articles(count);
    Serializer<EnrichedArticle> json = EnrichTopics.ENRICHED.valueSerde().serializer();
    Deserializer<EnrichedArticle> full = EnrichTopics.ENRICHED.valueSerde().deserializer();
    Deserializer<EnrichedArticle> counting = EnrichedForCounting.SERDE.deserializer();
    List<byte[]> records = articles.stream().map(a -> json.serialize("t", a)).toList();
    System.out.printf(
        Locale.ROOT,
        "%d articles, enriched JSON %.0f bytes on average%n",
        articles.size(),
        records.stream().mapToInt(r -> r.length).average().orElse(0));

    compare(
        "enrich: size check (before: JSON write; after: EnrichedSizeBound)",
        rounds,
        articles,
        a -> json.serialize("t", a).length,
        EnrichedSizeBound::of);
    compare(
        "enrich: size check + the sink's JSON write",
        rounds,
        articles,
        a -> json.serialize("t", a).length + json.serialize("t", a).length,
        a -> EnrichedSizeBound.of(a) + json.serialize("t", a).length);
    compare(
        "aggregate: read the enriched record + facet keys, story article, event time",
        rounds,
        records,
        r -> counted(full.deserialize("t", r)),
        r -> counted(counting.deserialize("t", r)));
    compare(
        "aggregate: read the enriched record only",
        rounds,
        records,
        r -> full.deserialize("t", r).themes().size(),
        r -> counting.deserialize("t", r).themes().size());
    com.fasterxml.jackson.core.JsonFactory tokens =
        io.newsflow.contracts.Json.mapper().getFactory();
    compare(
        "aggregate: the floor of any JSON reader (before: every token read; after: the counting read)",
        rounds,
        records,
        r -> tokenCount(tokens, r),
        r -> counting.deserialize("t", r).themes().size());
    List<EnrichedArticle> read = records.stream().map(r -> counting.deserialize("t", r)).toList();
    compare(
        "aggregate: facet keys, story article, event time of a record read (the same code)",
        rounds,
        read,
        SerdeLevers::counted,
        SerdeLevers::counted);
    System.out.printf(Locale.ROOT, "load average at end: %s%n", load());
  }

  private static long counted(EnrichedArticle a) {
    long t =
        new EventTimeExtractor().extract(new ConsumerRecord<Object, Object>("t", 0, 0, null, a), 0);
    return t
        + Facet.keysOf(a).size()
        + io.newsflow.aggregate.StoryArticle.of(a).facetKeys().size()
        + (a.dedup().isCopy() ? 1 : 0);
  }

  /** Reads every token of a record and builds nothing: what any reader of all of it costs. */
  private static long tokenCount(com.fasterxml.jackson.core.JsonFactory factory, byte[] record) {
    long n = 0;
    try (com.fasterxml.jackson.core.JsonParser p = factory.createParser(record)) {
      while (p.nextToken() != null) {
        n++;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return n;
  }

  private static <T> void compare(
      String what, int rounds, List<T> inputs, ToLongFunction<T> before, ToLongFunction<T> after) {
    for (int w = 0; w < 3; w++) {
      run(inputs, before);
      run(inputs, after);
    }
    List<Double> b = new ArrayList<>();
    List<Double> a = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      if (r % 2 == 0) {
        b.add(run(inputs, before));
        a.add(run(inputs, after));
      } else {
        a.add(run(inputs, after));
        b.add(run(inputs, before));
      }
    }
    System.out.printf(Locale.ROOT, "%s%n  before: %s%n  after:  %s%n", what, fmt(b), fmt(a));
    double mb = median(b);
    double ma = median(a);
    System.out.printf(
        Locale.ROOT,
        "  median before %.2f us, after %.2f us per article (after/before %.3f)%n",
        mb,
        ma,
        ma / mb);
  }

  /** Thread CPU microseconds per input. */
  private static <T> double run(List<T> inputs, ToLongFunction<T> step) {
    long sink = 0;
    long t0 = CPU.getCurrentThreadCpuTime();
    for (T in : inputs) {
      sink += step.applyAsLong(in);
    }
    long t1 = CPU.getCurrentThreadCpuTime();
    if (sink == 42) {
      System.out.print("");
    }
    return (t1 - t0) / 1e3 / inputs.size();
  }

  /** Bench-corpus articles annotated, 30% copies (as verdicts), each in a story. */
  private static List<EnrichedArticle> articles(int count) throws Exception {
    List<Article> articles =
        Corpus.fromSeeds(Path.of(System.getProperty("newsflow.home", "."), "seeds"))
            .articles(count, 0.3, 42, Instant.parse("2024-10-29T08:00:00Z"), Corpus.Options.news());
    Annotator annotator = EnrichConfig.from(Map.of()).annotator();
    List<EnrichedArticle> out = new ArrayList<>();
    for (int i = 0; i < articles.size(); i++) {
      Article a = articles.get(i);
      Dedup dedup =
          i % 10 < 3 && i > 0
              ? Dedup.nearCopyOf(articles.get(i - 1).id(), 0.9)
              : Dedup.original(a.id());
      out.add(
          annotator
              .annotate(a, "0123456789abcdef0123456789abcdef", dedup, Instant.now())
              .withStoryId(articles.get(i - i % 5).id()));
    }
    return out;
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static String fmt(List<Double> v) {
    StringBuilder b = new StringBuilder();
    for (double d : v) {
      b.append(String.format(Locale.ROOT, "%.1f ", d));
    }
    return b.toString().trim();
  }

  private static String load() {
    return String.format(
        Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
