package io.newsflow.analysis.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The name finder learns from CoNLL-format files, saves, loads and finds names. */
class NerModelTest {
  /** Self-written sentences: people after "kata"/"said", places after "di"/"in", organisations. */
  private static String corpus() {
    StringBuilder sb = new StringBuilder();
    String[][] people = {{"Budi", "Santoso"}, {"Ani", "Wijaya"}, {"Rudi", "Hartono"}};
    String[] places = {"Bandung", "Medan", "Surabaya", "Makassar"};
    String[] orgs = {"Bank", "Partai", "Universitas"};
    for (int round = 0; round < 4; round++) {
      for (String[] p : people) {
        for (String place : places) {
          sb.append("Hal itu O\nitu O\n, O\nkata O\n")
              .append(p[0])
              .append(" B-PER\n")
              .append(p[1])
              .append(" I-PER\ndi O\n")
              .append(place)
              .append(" B-LOC\n. O\n\n");
        }
      }
      for (String o : orgs) {
        sb.append(o).append(" B-ORG\nMaju I-ORG\nbuka O\ncabang O\ndi O\nKota O\nBaru O\n. O\n\n");
      }
    }
    return sb.toString().replace("Hal itu O\n", "Hal O\n");
  }

  private static NerModel trained(Path dir) throws IOException {
    Path train = dir.resolve("train.txt");
    Files.writeString(train, corpus(), StandardCharsets.UTF_8);
    return NerTrainer.train(
        List.of(train),
        new EntityTagger(KnowledgeBase.ofTables(java.util.Map.of())),
        "id",
        5,
        0.0,
        "test corpus");
  }

  private static List<String> names(NerModel model, String text) {
    List<NerText.Tok> toks = NerText.tokenize(text);
    List<String> out = new ArrayList<>();
    for (NerModel.Span s : model.predict(toks, new String[toks.size()])) {
      out.add(
          s.type() + ":" + text.substring(toks.get(s.from()).start(), toks.get(s.to() - 1).end()));
    }
    return out;
  }

  @Test
  void shouldFindPeoplePlacesAndOrganisationsWhenTrainedOnThem(@TempDir Path dir)
      throws IOException {
    NerModel model = trained(dir);

    assertThat(names(model, "Hal itu, kata Ani Hartono di Medan."))
        .containsExactly("PER:Ani Hartono", "LOC:Medan");
    assertThat(names(model, "Partai Maju buka cabang di Kota Baru."))
        .containsExactly("ORG:Partai Maju");
  }

  @Test
  void shouldPredictTheSameAfterSaveAndLoadWhenWrittenToAFile(@TempDir Path dir)
      throws IOException {
    NerModel model = trained(dir);
    Path file = dir.resolve("model.bin.gz");

    model.save(file);
    NerModel loaded = NerModel.load(file);

    String text = "Hal itu, kata Budi Wijaya di Surabaya. Bank Maju buka cabang di Kota Baru.";
    assertThat(names(loaded, text)).isEqualTo(names(model, text)).isNotEmpty();
    assertThat(loaded.trainedOn()).isEqualTo("test corpus");
    assertThat(loaded.features()).isEqualTo(model.features());
    assertThat(loaded.beam()).isEqualTo(model.beam()).isEqualTo(NerModel.DEFAULT_BEAM);
  }

  @Test
  void shouldTagGreedilyWhenTheModelFileIsOfTheFirstFormat(@TempDir Path dir) throws IOException {
    // format 1 (before the beam search) stored no beam width: such a model was trained greedily
    Path file = dir.resolve("format1.bin.gz");
    try (var out =
        new java.io.DataOutputStream(
            new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(0x4E464E52);
      out.writeInt(1);
      out.writeUTF("id");
      out.writeUTF("old");
      out.writeInt(3);
      out.writeUTF("O");
      out.writeUTF("B-PER");
      out.writeUTF("I-PER");
      out.writeInt(1);
      out.writeLong(NerModel.Features.f(1, 0)); // the bias: B-PER everywhere it is scored
      out.writeFloat(0f);
      out.writeFloat(1f);
      out.writeFloat(0f);
    }

    NerModel loaded = NerModel.load(file);

    assertThat(loaded.beam()).isEqualTo(1);
    assertThat(names(loaded, "hal itu kata Budi")).containsExactly("PER:Budi");
  }

  @Test
  void shouldLearnTheCorpusWithAnyBeamWhenTrainedGreedilyOrWithABeam(@TempDir Path dir)
      throws IOException {
    Path train = dir.resolve("train.txt");
    Files.writeString(train, corpus(), StandardCharsets.UTF_8);
    EntityTagger tagger = new EntityTagger(KnowledgeBase.ofTables(java.util.Map.of()));

    for (int beam : new int[] {1, 2, 9}) {
      NerModel model = NerTrainer.train(List.of(train), tagger, "id", 5, 0.0, beam, "test");

      assertThat(model.beam()).isEqualTo(beam);
      assertThat(names(model, "Hal itu, kata Rudi Santoso di Makassar."))
          .as("beam %d", beam)
          .containsExactly("PER:Rudi Santoso", "LOC:Makassar");
    }
  }

  @Test
  void shouldFailWithTheFileNameWhenAFileIsNotAModel(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("not-a-model.bin.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("hello".getBytes(StandardCharsets.UTF_8));
    }

    assertThatThrownBy(() -> NerModel.load(file)).hasMessageContaining("not-a-model.bin.gz");
  }

  @Test
  void shouldFailWithFileAndLineWhenATrainingLineHasNoTag(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.txt");
    Files.writeString(file, "Budi B-PER\nSantoso\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> NerCorpus.read(file)).hasMessageContaining("bad.txt:2");
  }

  @Test
  void shouldKeepAbbreviationsAndSplitPunctuationWhenTokenizing() {
    assertThat(
            NerText.tokenize("Dr. Moon (U.S.) said: \"Seoul's\" fine.").stream()
                .map(NerText.Tok::text))
        .containsExactly(
            "Dr.", "Moon", "(", "U.S.", ")", "said", ":", "\"", "Seoul", "'s", "\"", "fine", ".");
  }

  @Test
  void shouldUseTheBundledIndonesianModelWhenTaggingIndonesian() {
    EntityTagger tagger = EntityTagger.defaults();

    assertThat(tagger.model("id")).isNotNull();
    assertThat(tagger.model("id").trainedOn()).contains("idner-news-2k");
    assertThat(tagger.model("en")).isNull();
    List<Entity> es =
        tagger.tagText("Bupati Sleman Sri Purnomo meresmikan pasar di Kecamatan Depok.", "id");
    assertThat(es).extracting(Entity::type).contains(EntityType.PERSON);
  }

  @Test
  void shouldUseDictionaryAndRulesWhenTheLanguageIsUnknown() {
    EntityTagger tagger = EntityTagger.defaults();

    List<Entity> es = tagger.tagText("Vladimir Putin tiba di Moskow.", null);

    assertThat(tagger.model(null)).isNull();
    assertThat(es).extracting(Entity::name).contains("Vladimir Putin", "Moscow");
  }

  @Test
  void shouldFindEveryKeyPutAndNoOtherWhenTheFeatureMapGrows() {
    NerModel.LongIntMap map = new NerModel.LongIntMap(4);
    java.util.Random random = new java.util.Random(7);
    java.util.Map<Long, Integer> expected = new java.util.HashMap<>();
    for (int r = 0; r < 50_000; r++) {
      long key = NerModel.Features.mix(random.nextLong());
      map.put(key, r);
      expected.put(key, r);
    }
    assertThat(map.size()).isEqualTo(expected.size());
    expected.forEach((key, row) -> assertThat(map.get(key)).isEqualTo(row));
    int absent = 0;
    for (int r = 0; r < 50_000; r++) {
      long key = NerModel.Features.mix(random.nextLong());
      if (!expected.containsKey(key)) {
        assertThat(map.get(key)).isEqualTo(-1);
        absent++;
      }
    }
    assertThat(absent).isGreaterThan(49_000);
  }
}
