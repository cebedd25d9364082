package io.newsflow.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.near.NearConfig;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.testkit.Edit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The syndication targets on the default configuration, measured on the test split and printed in
 * the build output: precision >= 0.99 and recall >= 0.95 for every edit kind up to 20% of words,
 * and none of the seed pairs (same story, different text) flagged. Without ../shared/eval the
 * originals are the seeds alone (printed as such).
 */
class SyndicationEvalTest {
  private static final Path SEEDS = Path.of("..", "seeds");
  private static final Path EVAL = Path.of("..", "..", "shared", "eval");

  @Test
  void shouldMeetPrecisionAndRecallTargetsWhenCopiesAreEditedUpToTwentyPercent() throws Exception {
    NearConfig config = EnrichConfig.DEFAULT_NEAR;
    if (!Files.isDirectory(EVAL.resolve("semeval2022-task8-sample"))) {
      System.out.println(
          "SyndicationEvalTest: "
              + EVAL.toAbsolutePath()
              + " not found: originals are the seeds only");
    }
    List<SyndicationEval.Original> originals = SyndicationEval.originals(SEEDS, EVAL, "test", 600);

    SyndicationEval.Report report = SyndicationEval.run(config, originals, 42);
    report.print(System.out, config);

    assertThat(report.seedPairsFlagged()).isZero();
    assertThat(report.byEdit())
        .allSatisfy(
            (edit, score) -> {
              assertThat(score.precision(0))
                  .as("precision of %s", edit)
                  .isGreaterThanOrEqualTo(0.99);
              assertThat(score.recall()).as("recall of %s", edit).isGreaterThanOrEqualTo(0.95);
            });
    assertThat(report.total().precision(report.originalsFlagged())).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void shouldTouchAboutTheRequestedShareOfWordsWhenAnEditIsApplied() throws Exception {
    String body = SyndicationEval.seeds(SEEDS).get(1).text();
    int words = body.split("\\s+").length;

    String typos = Edit.TYPOS.apply(body, 0.2, body, new java.util.Random(1));
    String[] before = body.split(" ");
    String[] after = typos.split(" ");
    long changed = 0;
    for (int i = 0; i < before.length; i++) {
      if (!before[i].equals(after[i])) {
        changed++;
      }
    }
    String trimmed = Edit.TRIM_ENDING.apply(body, 0.2, body, new java.util.Random(1));

    // A typo can leave a word unchanged (same letter drawn), so at most, not exactly, 20%.
    assertThat(changed)
        .isBetween((long) (0.15 * before.length), (long) Math.ceil(0.2 * before.length));
    assertThat(trimmed.split("\\s+").length).isBetween((int) (0.75 * words), words - 1);
  }
}
