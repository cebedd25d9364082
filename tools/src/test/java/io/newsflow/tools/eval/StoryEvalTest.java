package io.newsflow.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.Annotator;
import io.newsflow.analysis.story.StoryConfig;
import io.newsflow.enrich.EnrichConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The story decision on the SemEval-2022 Task 8 sample at the default configuration, printed in the
 * build output: test figures (pairs whose id is also in the training file excluded), train figures
 * beside them. Skipped, with a message, where ../shared/eval is absent.
 */
class StoryEvalTest {
  private static final Path DATA = Path.of("..", "..", "shared", "eval", StoryEval.DIR);

  @Test
  void shouldSeparateVerySimilarFromDissimilarPairsWhenScoredWithDefaults() throws Exception {
    if (!Files.isDirectory(DATA)) {
      System.out.println(
          "StoryEvalTest: skipped, " + DATA.toAbsolutePath().normalize() + " not found");
    }
    Assumptions.assumeTrue(Files.isDirectory(DATA), "no " + DATA + ": story evaluation skipped");
    Annotator annotator = EnrichConfig.defaults().annotator();
    Set<String> trainIds = StoryEval.pairIds(DATA.resolve(StoryEval.TRAIN));
    List<StoryEval.Pair> train = StoryEval.load(DATA.resolve(StoryEval.TRAIN), annotator, Set.of());
    List<StoryEval.Pair> test = StoryEval.load(DATA.resolve(StoryEval.TEST), annotator, trainIds);
    long overlap =
        StoryEval.pairIds(DATA.resolve(StoryEval.TEST)).stream().filter(trainIds::contains).count();
    System.out.println(
        "StoryEvalTest: " + overlap + " pair ids of the test file are also in the training file");
    StoryConfig config = StoryConfig.DEFAULTS;
    if (Boolean.getBoolean("story.tune")) {
      StoryEval.tune(config, train, System.out);
    }

    StoryEval.Report onTrain = StoryEval.evaluate(config, train);
    StoryEval.Report onTest = StoryEval.evaluate(config, test);
    StoryEval.print(
        System.out, "story decision, SemEval train (" + train.size() + " pairs)", config, onTrain);
    StoryEval.print(
        System.out,
        "story decision, SemEval test ("
            + test.size()
            + " pairs, the "
            + overlap
            + " shared ids excluded)",
        config,
        onTest);

    assertThat(test).noneMatch(p -> trainIds.contains(p.id()));
    assertThat(onTest.all().pearson()).isLessThan(-0.3);
    assertThat(onTest.all().precision()).isGreaterThan(0.7);
  }
}
