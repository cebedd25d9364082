package io.newsflow.analysis.entity;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The name-finder models the tagger uses per language: the bundled ones (Indonesian, beam 4,
 * trained on idner-news-2k and NERGrit train; see {@code ner-id.NOTICE.md}) and the user's, given
 * by configuration ({@code newsflow.enrich.entities.model.<language>=PATH}, a file written by
 * {@code newsflow train-ner}).
 */
public final class NerModels {
  /** The bundled Indonesian model's resource, next to this class. */
  public static final String INDONESIAN = "ner-id.bin.gz";

  private NerModels() {}

  /** Loaded once per JVM: immutable, and every tagger of a process needs the same. */
  private static final class Bundled {
    static final Map<String, NerModel> MODELS = Map.of("id", NerModel.resource(INDONESIAN));
  }

  /** The bundled models by language. */
  public static Map<String, NerModel> bundled() {
    return Bundled.MODELS;
  }

  /** The bundled models with the user's files read over them (language to model file). */
  public static Map<String, NerModel> withFiles(Map<String, Path> files) {
    Map<String, NerModel> out = new HashMap<>(bundled());
    files.forEach((language, file) -> out.put(language, NerModel.load(file)));
    return out;
  }
}
