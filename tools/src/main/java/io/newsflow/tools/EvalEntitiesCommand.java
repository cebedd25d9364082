package io.newsflow.tools;

import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.analysis.entity.KnowledgeBase;
import io.newsflow.analysis.entity.NerModels;
import io.newsflow.contracts.Article;
import io.newsflow.ingest.NewsPageParser;
import io.newsflow.tools.eval.EntityEval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow eval-entities}: precision, recall and F1 per type of the entity tagger. */
@Command(
    name = "eval-entities",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the entity tagger as enrich runs it (Indonesian: the bundled name-finder model and"
          + " the knowledge base; English: dictionary and rules unless --model en=FILE) on"
          + " idner-news-2k and NERGrit (Indonesian) and CoNLL-2003 (English): exact-span"
          + " precision, recall and F1 per type (PER, ORG, LOC). Then, separately, CoNLL-2003 with a"
          + " model trained on its train split at evaluation time (kept in memory, never written:"
          + " the Reuters text is for research only). Also prints the tagging speed on the seeds."
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
      names = "--model",
      description =
          "A name-finder model for a language, written by train-ner (e.g. en=ner-en.bin.gz).")
  Map<String, Path> models = Map.of();

  @Option(
      names = "--no-train-conll",
      negatable = true,
      defaultValue = "true",
      description =
          "Also train a model on CoNLL-2003 train at evaluation time and measure it on the split"
              + " (default: on).")
  boolean trainConll;

  @Option(
      names = "--seeds",
      description = "Articles for the speed figure (default: ${DEFAULT-VALUE}).",
      defaultValue = "seeds")
  Path seeds;

  @Override
  public Integer call() throws Exception {
    EntityTagger tagger =
        new EntityTagger(KnowledgeBase.of(entitiesFile), NerModels.withFiles(models));
    if (!Files.isDirectory(evalDir)) {
      System.out.println("eval-entities: " + evalDir.toAbsolutePath() + " not found: no figures");
    } else {
      System.out.println("(a) the tagger as enrich runs it:");
      EntityEval.Dataset conll = null;
      for (EntityEval.Dataset d : EntityEval.datasets(evalDir, split)) {
        if (Files.exists(d.file())) {
          EntityEval.run(tagger, d).print(System.out);
          if (d.name().equals("conll2003")) {
            conll = d;
          }
        } else {
          System.out.println("eval-entities: " + d.file() + " not found: skipped");
        }
      }
      if (trainConll && conll != null && Files.exists(EntityEval.trainFile(conll))) {
        System.out.println(
            "(b) CoNLL-2003 with a model trained on "
                + EntityEval.trainFile(conll).getFileName()
                + " now (as train-ner does; in memory only, never shipped):");
        EntityEval.runTrained(tagger, EntityEval.trainFile(conll), conll).print(System.out);
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
      int chars =
          articles.stream().mapToInt(a -> a.body().length()).sum() / Math.max(1, articles.size());
      for (String language : List.of("id", "en")) {
        EntityEval.Speed s = EntityEval.speed(tagger, articles, language, 3000);
        System.out.printf(
            Locale.ROOT,
            "speed (%s: %s): %.0f articles per CPU-second of the tagging thread, %.0f per"
                + " wall-clock second (tagging only, one thread, %d seed articles of ~%d chars)%n",
            language,
            tagger.model(language) == null ? "dictionary and rules" : "model and dictionary",
            s.perCpuSecond(),
            s.perSecond(),
            articles.size(),
            chars);
      }
    }
    return 0;
  }
}
