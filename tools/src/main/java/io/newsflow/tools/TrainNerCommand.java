package io.newsflow.tools;

import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.analysis.entity.KnowledgeBase;
import io.newsflow.analysis.entity.NerModel;
import io.newsflow.analysis.entity.NerTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code newsflow train-ner}: trains a name-finder model from CoNLL-format files. */
@Command(
    name = "train-ner",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a name-finder model (structured averaged perceptron with beam search, the project's"
          + " own code) from CoNLL-format files (a file given twice counts twice): one token per line, the token first and the IOB tag last, blank lines between"
          + " sentences, optional -DOCSTART- lines. The knowledge base's matches are features, so"
          + " train with the entity file enrich will run with. Load the model in enrich with"
          + " newsflow.enrich.entities.model.<language>=FILE. Mind the data's licence: a model"
          + " trained on research-only text (CoNLL-2003) must not be shipped."
    })
final class TrainNerCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Training files (CoNLL format).")
  List<Path> files;

  @Option(
      names = {"-o", "--out"},
      required = true,
      description = "The model file to write (e.g. ner-en.bin.gz).")
  Path out;

  @Option(
      names = "--language",
      required = true,
      description = "The articles' language the model is for (id, en, ...).")
  String language;

  @Option(
      names = "--epochs",
      description = "Passes over the data (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + NerTrainer.DEFAULT_EPOCHS)
  int epochs;

  @Option(
      names = "--prune",
      description =
          "Drop features whose averaged weights all stay under this (default: ${DEFAULT-VALUE}).",
      defaultValue = "" + NerTrainer.DEFAULT_PRUNE)
  double prune;

  @Option(
      names = "--beam",
      description =
          "Hypotheses kept per token, at training and tagging (1: greedy; default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "" + NerTrainer.DEFAULT_BEAM)
  int beam;

  @Option(
      names = "--trained-on",
      description = "What the data is, stored in the model (default: the file names).")
  String trainedOn;

  @Option(names = "--entities-file", description = "A user entity table read over the bundled one.")
  Path entitiesFile;

  @Override
  public Integer call() throws Exception {
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new IllegalArgumentException("training file not found: " + f);
      }
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs must be 1 or more: " + epochs);
    }
    if (beam < 1) {
      throw new IllegalArgumentException("--beam must be 1 or more: " + beam);
    }
    EntityTagger tagger = new EntityTagger(KnowledgeBase.of(entitiesFile));
    String description =
        trainedOn != null
            ? trainedOn
            : String.join(", ", files.stream().map(Path::toString).toList());
    long t0 = System.nanoTime();
    NerModel model = NerTrainer.train(files, tagger, language, epochs, prune, beam, description);
    model.save(out);
    System.out.printf(
        Locale.ROOT,
        "train-ner: %s (%s) trained in %.1f s: %d features, %d bytes%n",
        out,
        language,
        (System.nanoTime() - t0) / 1e9,
        model.features(),
        Files.size(out));
    return 0;
  }
}
