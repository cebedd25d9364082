package io.newsflow.deploy.bench;

import io.newsflow.enrich.eval.Edit;
import io.newsflow.ingest.Article;
import io.newsflow.ingest.NewsPageParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A synthetic news corpus, deterministic from a seed: originals of 2 to 6 KB assembled from the
 * sentences of the seed articles (real Indonesian news vocabulary and names), and a share of
 * syndicated copies of earlier originals with graded republication edits ({@link Edit}, 5 to 20% of
 * words).
 */
public final class Corpus {
  private static final String[] OUTLETS = {
    "kompas.tv",
    "detik.com",
    "tempo.co",
    "kontan.co.id",
    "tribunnews.com",
    "antaranews.com",
    "cnnindonesia.com",
    "liputan6.com"
  };

  private final List<String> sentences;

  private Corpus(List<String> sentences) {
    this.sentences = sentences;
  }

  /** A corpus built from the sentences of the {@code .txt} pages in {@code seedsDir}. */
  public static Corpus fromSeeds(Path seedsDir) throws IOException {
    NewsPageParser parser = new NewsPageParser();
    List<String> sentences = new ArrayList<>();
    try (Stream<Path> files = Files.list(seedsDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        Article a = parser.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(), "x");
        for (String s : a.body().split("(?<=[.!?])\\s+")) {
          if (s.split("\\s+").length >= 5) {
            sentences.add(s.strip());
          }
        }
      }
    }
    if (sentences.isEmpty()) {
      throw new IllegalArgumentException("no sentences in " + seedsDir);
    }
    return new Corpus(sentences);
  }

  /**
   * {@code count} articles, a share {@code copyShare} of them copies of an earlier original. Every
   * article has a distinct id; {@code ingestedAt} is {@code at}.
   */
  public List<Article> articles(int count, double copyShare, long seed, Instant at) {
    Random random = new Random(seed);
    List<Article> out = new ArrayList<>(count);
    List<Article> originals = new ArrayList<>();
    Edit[] edits = Edit.values();
    for (int i = 0; i < count; i++) {
      String outlet = OUTLETS[random.nextInt(OUTLETS.length)];
      boolean copy = !originals.isEmpty() && random.nextDouble() < copyShare;
      String body;
      if (copy) {
        Article source = originals.get(random.nextInt(originals.size()));
        Edit edit = edits[random.nextInt(edits.length)];
        double strength = 0.05 + random.nextDouble() * 0.15;
        body = edit.apply(source.body(), strength, sentence(random), random);
      } else {
        body = original(random);
      }
      String title = "Berita " + i + ": " + firstWords(body, 8);
      Article a =
          new Article(
              Article.CURRENT_SCHEMA_VERSION,
              "bench-" + seed + "-" + i,
              null,
              outlet,
              title,
              body,
              "id",
              null,
              at,
              null,
              null,
              "bench");
      out.add(a);
      if (!copy) {
        originals.add(a);
      }
    }
    return out;
  }

  private String original(Random random) {
    int target = 2048 + random.nextInt(4096);
    StringBuilder sb = new StringBuilder(target + 256);
    while (sb.length() < target) {
      sb.append(sentence(random)).append(random.nextInt(5) == 0 ? "\n" : " ");
    }
    return sb.toString().strip();
  }

  private String sentence(Random random) {
    return sentences.get(random.nextInt(sentences.size()));
  }

  private static String firstWords(String text, int n) {
    String[] words = text.split("\\s+");
    return String.join(" ", java.util.Arrays.copyOf(words, Math.min(n, words.length)));
  }
}
