package io.newsflow.tools;

import io.newsflow.analysis.Annotator;
import io.newsflow.analysis.story.StoryConfig;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.tools.eval.StoryEval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow eval-stories}: how the story decision separates same-story pairs. */
@Command(
    name = "eval-stories",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the story decision on the SemEval-2022 Task 8 sample (news article pairs with a"
          + " human same-story score, Overall 1 = very similar .. 4 = very dissimilar): precision"
          + " and recall of 'same story' at the threshold for very similar (Overall <= 1.5)"
          + " against dissimilar (>= 3.5) pairs, middle scores left out of both; Pearson r of"
          + " the similarity with Overall; per language pair.",
      "Reports on testing_set.csv without the pair ids that also appear in training_set.csv;"
          + " --tune searches thresholds on training_set.csv only."
    })
final class EvalStoriesCommand implements Callable<Integer> {
  @Option(
      names = "--eval-dir",
      description = "Evaluation data (default: ${DEFAULT-VALUE}).",
      defaultValue = "../shared/eval")
  Path evalDir;

  @Option(
      names = "--split",
      description = "test (report; default), train, or both.",
      defaultValue = "test")
  String split;

  @Option(names = "--threshold", description = "Default: from the enrich defaults.")
  Double threshold;

  @Option(names = "--lexical-share", description = "Default: from the enrich defaults.")
  Double lexicalShare;

  @Option(names = "--min-evidence", description = "Default: from the enrich defaults.")
  Double minEvidence;

  @Option(
      names = "--tune",
      description = "Also search threshold, lexical share and min evidence on the training file.")
  boolean tune;

  @Override
  public Integer call() throws Exception {
    if (!List.of("train", "test", "both").contains(split)) {
      throw new IllegalArgumentException("--split must be train, test or both, was " + split);
    }
    Path data = evalDir.resolve(StoryEval.DIR);
    if (!Files.isDirectory(data)) {
      System.out.println("eval-stories: no " + data + ": nothing to measure");
      return 2;
    }
    StoryConfig config = StoryConfig.DEFAULTS;
    if (threshold != null) {
      config = config.withThreshold(threshold);
    }
    if (lexicalShare != null) {
      config = config.withLexicalShare(lexicalShare);
    }
    if (minEvidence != null) {
      config = config.withMinEvidence(minEvidence);
    }
    Annotator annotator = EnrichConfig.defaults().annotator();
    Path trainFile = data.resolve(StoryEval.TRAIN);
    Path testFile = data.resolve(StoryEval.TEST);
    Set<String> trainIds = StoryEval.pairIds(trainFile);
    if (tune || !"test".equals(split)) {
      List<StoryEval.Pair> train = StoryEval.load(trainFile, annotator, Set.of());
      if (tune) {
        StoryEval.tune(config, train, System.out);
      }
      if (!"test".equals(split)) {
        StoryEval.print(
            System.out,
            "story decision, train (" + train.size() + " pairs)",
            config,
            StoryEval.evaluate(config, train));
      }
    }
    if (!"train".equals(split)) {
      Set<String> testIds = StoryEval.pairIds(testFile);
      long overlap = testIds.stream().filter(trainIds::contains).count();
      List<StoryEval.Pair> test = StoryEval.load(testFile, annotator, trainIds);
      StoryEval.print(
          System.out,
          "story decision, test ("
              + test.size()
              + " pairs; "
              + overlap
              + " pair ids also in the training file left out)",
          config,
          StoryEval.evaluate(config, test));
    }
    return 0;
  }
}
