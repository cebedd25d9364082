package io.newsflow.tools;

import io.newsflow.analysis.near.NearConfig;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.tools.eval.SyndicationEval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow eval-syndication}: precision, recall and F1 of copy detection per edit kind. */
@Command(
    name = "eval-syndication",
    mixinStandardHelpOptions = true,
    description = {
      "Measures near-duplicate detection: republished copies of real article text with graded"
          + " edits (headline, byline, read-also links, trimmed ending, dropped/added/reordered"
          + " sentences, typos, rewording, all mixed) at 5/10/20%% of words, streamed after their"
          + " originals. Prints precision, recall and F1 per edit kind.",
      "Originals: seeds/ plus the SemEval-2022 Task 8 sample texts when --eval-dir holds them."
    })
final class EvalSyndicationCommand implements Callable<Integer> {
  @Option(
      names = "--eval-dir",
      description = "Evaluation data (default: ${DEFAULT-VALUE}).",
      defaultValue = "../shared/eval")
  Path evalDir;

  @Option(names = "--seeds", description = "Seed articles (default: the project's seeds/).")
  Path seeds;

  @Option(
      names = "--split",
      description = "train (for tuning) or test (for reporting; default: ${DEFAULT-VALUE}).",
      defaultValue = "test")
  String split;

  @Option(
      names = "--limit",
      description = "At most this many SemEval texts (default: ${DEFAULT-VALUE}).",
      defaultValue = "600")
  int limit;

  @Option(names = "--shingle-size", description = "Default: from the enrich defaults.")
  Integer shingleSize;

  @Option(names = "--permutations", description = "Default: from the enrich defaults.")
  Integer permutations;

  @Option(names = "--bands", description = "Default: from the enrich defaults.")
  Integer bands;

  @Option(names = "--threshold", description = "Default: from the enrich defaults.")
  Double threshold;

  @Option(names = "--sweep", description = "Also print precision/recall for thresholds 0.20..0.80.")
  boolean sweep;

  @Override
  public Integer call() throws Exception {
    if (!List.of("train", "test").contains(split)) {
      throw new IllegalArgumentException("--split must be train or test, was " + split);
    }
    NearConfig d = EnrichConfig.DEFAULT_NEAR;
    NearConfig config =
        new NearConfig(
            shingleSize == null ? d.shingleSize() : shingleSize,
            permutations == null ? d.permutations() : permutations,
            bands == null ? d.bands() : bands,
            threshold == null ? d.threshold() : threshold);
    Path seedsDir =
        seeds != null ? seeds : Path.of(System.getProperty("newsflow.home", "."), "seeds");
    if (!Files.isDirectory(evalDir.resolve("semeval2022-task8-sample"))) {
      System.out.println(
          "eval-syndication: " + evalDir + " has no semeval2022-task8-sample: seeds only");
    }
    List<SyndicationEval.Original> originals =
        SyndicationEval.originals(seedsDir, evalDir, split, limit);
    System.out.println("split: " + split);
    SyndicationEval.run(config, originals, 42).print(System.out, config);
    if (sweep) {
      System.out.println("threshold sweep (all edits up to 20%):");
      System.out.println("  threshold precision  recall      F1  originals flagged");
      for (int t = 20; t <= 80; t += 5) {
        NearConfig c =
            new NearConfig(config.shingleSize(), config.permutations(), config.bands(), t / 100.0);
        SyndicationEval.Report r = SyndicationEval.run(c, originals, 42);
        SyndicationEval.Score s = r.total();
        System.out.printf(
            Locale.ROOT,
            "  %9.2f %9.4f %7.4f %7.4f  %d%n",
            c.threshold(),
            s.precision(r.originalsFlagged()),
            s.recall(),
            s.f1(r.originalsFlagged()),
            r.originalsFlagged());
      }
    }
    return 0;
  }
}
