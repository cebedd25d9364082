package io.newsflow.deploy;

import io.newsflow.enrich.entity.EntityTagger;
import io.newsflow.enrich.entity.KnowledgeBase;
import io.newsflow.enrich.entity.eval.EntityEval;
import io.newsflow.ingest.Article;
import io.newsflow.ingest.NewsPageParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow eval-entities}: precision, recall and F1 per type of the entity tagger. */
@Command(
    name = "eval-entities",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the entity tagger (dictionary and rules, as in enrich) on idner-news-2k and"
          + " NERGrit (Indonesian) and CoNLL-2003 (English): exact-span precision, recall and F1"
          + " per type (PER, ORG, LOC). Also prints the tagging speed on the seeds (articles per"
          + " second on one core)."
    })
final class EvalEntitiesCommand implements Callable<Integer> {
  @Option(
      names = "--eval-dir",
      description = "Evaluation data (default: ${DEFAULT-VALUE}).",
      defaultValue = "../shared/eval")
  Path evalDir;

  @Option(
      names = "--split",
      description = "train or dev (for tuning) or test (for reporting; default: ${DEFAULT-VALUE}).",
      defaultValue = "test")
  String split;

  @Option(names = "--entities-file", description = "A user entity table read over the bundled one.")
  Path entitiesFile;

  @Option(
      names = "--seeds",
      description = "Articles for the speed figure (default: ${DEFAULT-VALUE}).",
      defaultValue = "seeds")
  Path seeds;

  @Override
  public Integer call() throws Exception {
    EntityTagger tagger =
        new EntityTagger(
            entitiesFile == null
                ? KnowledgeBase.defaults()
                : KnowledgeBase.withOverrides(entitiesFile));
    if (!Files.isDirectory(evalDir)) {
      System.out.println("eval-entities: " + evalDir.toAbsolutePath() + " not found: no figures");
    } else {
      for (EntityEval.Dataset d : EntityEval.datasets(evalDir, split)) {
        if (Files.exists(d.file())) {
          EntityEval.run(tagger, d).print(System.out);
        } else {
          System.out.println("eval-entities: " + d.file() + " not found: skipped");
        }
      }
    }
    if (Files.isDirectory(seeds)) {
      List<Article> articles = new ArrayList<>();
      NewsPageParser parser = new NewsPageParser();
      try (Stream<Path> files = Files.list(seeds)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
          articles.add(
              parser
                  .parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(), "unknown")
                  .withDefaults(Instant.EPOCH));
        }
      }
      double rate = EntityEval.articlesPerSecond(tagger, articles, "id", 3000);
      System.out.printf(
          Locale.ROOT,
          "speed: %.0f articles/s on one thread (tagging only, %d seed articles of ~%d chars)%n",
          rate,
          articles.size(),
          articles.stream().mapToInt(a -> a.body().length()).sum() / Math.max(1, articles.size()));
    }
    return 0;
  }
}
