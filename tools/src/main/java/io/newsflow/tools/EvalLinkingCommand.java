package io.newsflow.tools;

import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.analysis.entity.KnowledgeBase;
import io.newsflow.analysis.entity.NerModels;
import io.newsflow.tools.eval.LinkingEval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow eval-linking}: linking precision and recall on the project's own gold set. */
@Command(
    name = "eval-linking",
    mixinStandardHelpOptions = true,
    description = {
      "Measures entity linking as enrich runs the tagger on the project's own gold set (Indonesian"
          + " and English paragraphs written for newsflow, every name annotated with its Wikidata"
          + " or GeoNames id or NIL; enrich/src/test/resources/linking/SOURCES.md): linking"
          + " precision and recall per language and overall, then every wrong or missed link."
    })
final class EvalLinkingCommand implements Callable<Integer> {
  @Option(
      names = "--gold",
      description = "The gold set (default: ${DEFAULT-VALUE}, from the repository's root).",
      defaultValue = "enrich/src/test/resources/linking/linking-gold.jsonl")
  Path gold;

  @Option(names = "--entities-file", description = "A user entity table read over the bundled one.")
  Path entitiesFile;

  @Option(
      names = "--model",
      description =
          "A name-finder model for a language, written by train-ner (e.g. en=ner-en.bin.gz).")
  Map<String, Path> models = Map.of();

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(gold)) {
      System.err.println("eval-linking: " + gold.toAbsolutePath() + " not found");
      return 2;
    }
    EntityTagger tagger =
        new EntityTagger(KnowledgeBase.of(entitiesFile), NerModels.withFiles(models));
    LinkingEval.print(LinkingEval.score(tagger, LinkingEval.readGold(gold)), System.out);
    return 0;
  }
}
