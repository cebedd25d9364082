package io.newsflow.analysis.entity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a {@link NerModel} from CoNLL-format files with the knowledge base's hints, as {@code
 * newsflow train-ner} does. The hints come from the same dictionary the tagger runs in enrich, so a
 * model sees at training what it sees in production.
 */
public final class NerTrainer {
  /** Passes over the data. */
  public static final int DEFAULT_EPOCHS = 10;

  /** Features whose averaged weights all stay under this are dropped (smaller, faster model). */
  public static final double DEFAULT_PRUNE = 0.05;

  private NerTrainer() {}

  /** The training examples of {@code files} with hints from {@code tagger}'s dictionary. */
  public static List<NerModel.Example> examples(
      List<Path> files, EntityTagger tagger, String language) throws IOException {
    List<NerModel.Example> out = new ArrayList<>();
    for (Path f : files) {
      for (NerCorpus.Doc d : NerCorpus.read(f)) {
        out.add(
            new NerModel.Example(
                d.tokens(), tagger.hints(d.text(), d.tokens(), language), d.tags()));
      }
    }
    return out;
  }

  /** Hypotheses kept per token by the search, at training and tagging. */
  public static final int DEFAULT_BEAM = NerModel.DEFAULT_BEAM;

  /** Trains a model for {@code language} on {@code files} with the default beam. */
  public static NerModel train(
      List<Path> files,
      EntityTagger tagger,
      String language,
      int epochs,
      double prune,
      String trainedOn)
      throws IOException {
    return train(files, tagger, language, epochs, prune, DEFAULT_BEAM, trainedOn);
  }

  /**
   * Trains a model for {@code language} on {@code files} (a file given twice counts twice: a way to
   * weigh one set over another), keeping {@code beam} hypotheses per token (1: greedy).
   */
  public static NerModel train(
      List<Path> files,
      EntityTagger tagger,
      String language,
      int epochs,
      double prune,
      int beam,
      String trainedOn)
      throws IOException {
    return NerModel.train(
        examples(files, tagger, language), epochs, 1L, prune, beam, language, trainedOn);
  }
}
