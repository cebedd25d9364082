package io.newsflow.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.contracts.EntityType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Prints precision, recall and F1 per type on the test splits of idner-news-2k, NERGrit and
 * CoNLL-2003 in every build where ../shared/eval is present (skipped with a message where it is
 * not): (a) the tagger as enrich runs it (bundled Indonesian model and knowledge base; English:
 * dictionary and rules), (b) CoNLL-2003 with a model trained on its train split now, in memory. The
 * assertions pin the gold counts (the reader is right) and the targets (F1 over 0.75 on
 * idner-news-2k, over 0.80 on CoNLL-2003 with the CoNLL-trained model). See docs/ENTITIES.md.
 */
class EntityEvalTest {
  private static final Path EVAL = Path.of("..", "..", "shared", "eval");

  @Test
  void shouldMeetTheTargetsWhenTheEvaluationSetsArePresent() throws Exception {
    Assumptions.assumeTrue(
        Files.isDirectory(EVAL.resolve("indonesian-ner")),
        "EntityEvalTest: " + EVAL.toAbsolutePath() + " not found: entity evaluation skipped");
    EntityTagger tagger = EntityTagger.defaults();
    System.out.println("EntityEvalTest (a) the tagger as enrich runs it:");
    for (EntityEval.Dataset d : EntityEval.datasets(EVAL, "test")) {
      if (!Files.exists(d.file())) {
        System.out.println("EntityEvalTest: " + d.file() + " not found: skipped");
        continue;
      }
      EntityEval.Report report = EntityEval.run(tagger, d);
      report.print(System.out);

      if (d.name().equals("idner-news-2k")) {
        assertThat(report.byType().get(EntityType.PERSON).gold()).isEqualTo(515);
        assertThat(report.byType().get(EntityType.ORGANIZATION).gold()).isEqualTo(401);
        assertThat(report.byType().get(EntityType.LOCATION).gold()).isEqualTo(103);
        assertThat(report.total().f1()).as("F1 on idner-news-2k test").isGreaterThan(0.75);
      }
      if (d.name().equals("conll2003")) {
        assertThat(report.byType().get(EntityType.PERSON).gold()).isEqualTo(1617);
        assertThat(report.byType().get(EntityType.LOCATION).gold()).isEqualTo(1668);
        assertThat(report.byType().get(EntityType.ORGANIZATION).gold()).isEqualTo(1661);
        Path train = EntityEval.trainFile(d);
        if (Files.exists(train)) {
          System.out.println(
              "EntityEvalTest (b) CoNLL-2003 with a model trained on its train split now:");
          EntityEval.Report trained = EntityEval.runTrained(tagger, train, d);
          trained.print(System.out);
          assertThat(trained.total().f1())
              .as("F1 on CoNLL-2003 test, CoNLL-trained")
              .isGreaterThan(0.80);
        }
      }
      assertThat(report.total().f1()).as("F1 of %s", d.name()).isGreaterThan(0.25);
    }
  }
}
