package io.newsflow.enrich.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.near.MinHasher;
import io.newsflow.analysis.story.StoryConfig;
import io.newsflow.analysis.story.StoryScore;
import io.newsflow.analysis.story.StoryTerms;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.Text;
import io.newsflow.contracts.Verdict;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.decide.DecisionIndex.Decision;
import io.newsflow.enrich.decide.DecisionIndex.StoryKind;
import io.newsflow.testkit.Edit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecisionIndexTest {
  private static final Duration HORIZON = Duration.ofDays(1);
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long T0 = 1_729_584_000_000L; // 2024-10-22T08:00:00Z
  private static final double THRESHOLD = EnrichConfig.DEFAULT_NEAR.threshold();

  private static final String FLOOD =
      "Banjir kembali merendam sejumlah wilayah di Jakarta Timur pada Selasa pagi setelah hujan"
          + " deras mengguyur ibu kota sejak Senin malam. Badan Penanggulangan Bencana Daerah DKI"
          + " Jakarta mencatat sedikitnya 45 rukun tetangga terdampak dengan ketinggian air"
          + " mencapai 80 sentimeter di beberapa titik. Kepala Pelaksana BPBD DKI Jakarta"
          + " mengatakan petugas telah dikerahkan untuk membantu evakuasi warga, terutama lansia"
          + " dan anak-anak, ke posko pengungsian terdekat. Selain itu, pompa air mobile juga"
          + " disiagakan di kawasan Kampung Melayu dan Bidara Cina yang menjadi langganan banjir"
          + " setiap musim hujan. Warga diimbau tetap waspada karena Badan Meteorologi,"
          + " Klimatologi, dan Geofisika memperkirakan hujan dengan intensitas sedang hingga lebat"
          + " masih akan terjadi dalam tiga hari ke depan. Pemerintah provinsi juga meminta"
          + " masyarakat tidak membuang sampah ke sungai dan saluran air agar aliran tidak"
          + " tersumbat. Hingga siang hari, genangan di sejumlah ruas jalan utama mulai surut,"
          + " namun arus lalu lintas di sekitar Jalan Jatinegara Barat masih tersendat. Petugas"
          + " gabungan dari kepolisian dan dinas perhubungan diturunkan untuk mengatur kendaraan"
          + " yang melintas di kawasan tersebut.";

  private static final String RATES =
      "Bank Indonesia memutuskan untuk mempertahankan suku bunga acuan pada level 6 persen dalam"
          + " rapat dewan gubernur bulan ini. Keputusan tersebut diambil untuk menjaga stabilitas"
          + " nilai tukar rupiah di tengah ketidakpastian pasar keuangan global yang masih tinggi."
          + " Gubernur Bank Indonesia menyatakan inflasi diperkirakan tetap terkendali dalam"
          + " kisaran sasaran hingga akhir tahun. Sejumlah ekonom menilai kebijakan ini sudah"
          + " sesuai dengan perkiraan pasar, meskipun tekanan terhadap rupiah belum sepenuhnya"
          + " mereda. Pertumbuhan kredit perbankan tercatat masih solid, terutama pada sektor"
          + " konsumsi dan usaha mikro, kecil, dan menengah.";

  private static final String FOOTBALL =
      "Tim nasional Indonesia berhasil meraih kemenangan dua gol tanpa balas atas Filipina dalam"
          + " laga kualifikasi yang digelar di Stadion Utama Gelora Bung Karno pada Kamis malam."
          + " Gol pertama dicetak melalui sundulan kepala pada menit ke-32, sedangkan gol kedua"
          + " lahir dari tendangan bebas menjelang akhir pertandingan. Pelatih tim nasional"
          + " memuji semangat para pemain yang tampil disiplin sepanjang laga meski mendapat"
          + " tekanan di babak kedua. Puluhan ribu suporter memadati tribun dan terus memberikan"
          + " dukungan hingga peluit panjang dibunyikan.";

  private DecisionIndex index;

  @BeforeEach
  void newIndex() {
    index = new DecisionIndex(HORIZON, EnrichConfig.DEFAULT_NEAR, StoryConfig.DEFAULTS);
  }

  /** What deciding one article gave: the decision and the entry added (null for a re-send). */
  private record Outcome(Decision decision, Decided entry) {
    Verdict verdict() {
      return decision.dedup().verdict();
    }

    String canonicalId() {
      return decision.dedup().canonicalId();
    }

    String storyId() {
      return decision.storyId();
    }
  }

  private static String hash(String body) {
    return Text.sha256Hex(Text.normalize(body), 32);
  }

  /** Decides then adds an article, with the entry {@code DecideProcessor.decide} would write. */
  private static Outcome decideAndAdd(
      DecisionIndex index, String id, long time, String body, StoryTerms terms) {
    String hash = hash(body);
    int[] signature = index.signature(body);
    Decision d = index.decide(id, time, hash, signature, terms);
    if (d.resend()) {
      return new Outcome(d, null);
    }
    boolean original = d.dedup().verdict() == Verdict.ORIGINAL;
    Decided entry =
        new Decided(
            id,
            time,
            hash,
            d.dedup().verdict(),
            d.dedup().canonicalId(),
            d.dedup().similarity(),
            d.storyId(),
            original ? signature : null,
            original && terms != null && !terms.isEmpty() ? terms : null);
    index.add(entry);
    return new Outcome(d, entry);
  }

  private Outcome decideAndAdd(String id, long time, String body, StoryTerms terms) {
    return decideAndAdd(index, id, time, body, terms);
  }

  private Outcome decideAndAdd(String id, long time, String body) {
    return decideAndAdd(index, id, time, body, null);
  }

  private static StoryTerms terms(Object... termsAndWeights) {
    String[] terms = new String[termsAndWeights.length / 2];
    float[] weights = new float[terms.length];
    for (int i = 0; i < terms.length; i++) {
      terms[i] = (String) termsAndWeights[2 * i];
      weights[i] = ((Number) termsAndWeights[2 * i + 1]).floatValue();
    }
    return new StoryTerms("id", terms, weights);
  }

  /** FLOOD with about 10% of its words replaced by words of another story. */
  private static String reworded(String body, long seed) {
    return Edit.REWORD.apply(body, 0.10, RATES, new Random(seed));
  }

  // --- originals and exact copies -------------------------------------------------------------

  @Test
  void shouldOpenOwnStoryWhenArticleIsFirst() {
    Outcome a = decideAndAdd("a", T0, FLOOD);

    assertThat(a.decision().resend()).isFalse();
    assertThat(a.decision().dedup()).isEqualTo(Dedup.original("a"));
    assertThat(a.storyId()).isEqualTo("a");
    assertThat(a.decision().storyKind()).isEqualTo(StoryKind.OPENED);
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void shouldBeExactCopyOfFirstWhenContentHashIsEqual() {
    decideAndAdd("a", T0, FLOOD);
    // Differs in case and whitespace only: the same normalised text, the same content hash.
    String retyped = "  " + FLOOD.toUpperCase(Locale.ROOT).replace(" ", "   ") + "\n";
    assertThat(hash(retyped)).isEqualTo(hash(FLOOD));

    Outcome b = decideAndAdd("b", T0 + HOUR, retyped);
    Outcome c = decideAndAdd("c", T0 + 2 * HOUR, FLOOD);

    assertThat(b.decision().dedup()).isEqualTo(Dedup.exactCopyOf("a"));
    assertThat(b.storyId()).isEqualTo("a");
    assertThat(b.decision().storyKind()).isEqualTo(StoryKind.COPY);
    // The third copies the first, not the second.
    assertThat(c.decision().dedup()).isEqualTo(Dedup.exactCopyOf("a"));
    assertThat(c.storyId()).isEqualTo("a");
  }

  @Test
  void shouldBeOriginalWhenTextIsUnrelated() {
    decideAndAdd("a", T0, FLOOD);
    Outcome b = decideAndAdd("b", T0 + HOUR, RATES);

    assertThat(b.decision().dedup()).isEqualTo(Dedup.original("b"));
    assertThat(b.storyId()).isEqualTo("b");
    assertThat(b.decision().storyKind()).isEqualTo(StoryKind.OPENED);
  }

  // --- near copies ------------------------------------------------------------------------------

  @Test
  void shouldBeNearCopyOfOriginalWhenTenPercentOfWordsAreChanged() {
    String edited = reworded(FLOOD, 7);
    assertThat(hash(edited)).isNotEqualTo(hash(FLOOD));
    double expected = MinHasher.similarity(index.signature(edited), index.signature(FLOOD));
    assertThat(expected).isBetween(THRESHOLD, 0.99);

    decideAndAdd("a", T0, FLOOD);
    Outcome b = decideAndAdd("b", T0 + HOUR, edited);

    assertThat(b.verdict()).isEqualTo(Verdict.NEAR);
    assertThat(b.canonicalId()).isEqualTo("a");
    assertThat(b.decision().dedup().similarity()).isEqualTo(expected);
    assertThat(b.decision().dedup().evidence()).isEqualTo(Dedup.MINHASH_LSH);
    assertThat(b.storyId()).isEqualTo("a");
    assertThat(b.decision().storyKind()).isEqualTo(StoryKind.COPY);
    // A copy keeps no signature or terms: it is never a candidate itself.
    assertThat(b.entry().signature()).isNull();
    assertThat(b.entry().terms()).isNull();
  }

  @Test
  void shouldBeOriginalWhenMostWordsAreChanged() {
    String rewritten = Edit.REWORD.apply(FLOOD, 0.9, RATES, new Random(3));
    assertThat(MinHasher.similarity(index.signature(rewritten), index.signature(FLOOD)))
        .isLessThan(THRESHOLD);

    decideAndAdd("a", T0, FLOOD);
    Outcome b = decideAndAdd("b", T0 + HOUR, rewritten);

    assertThat(b.verdict()).isEqualTo(Verdict.ORIGINAL);
    assertThat(b.storyId()).isEqualTo("b");
  }

  @Test
  void shouldPointToOriginalWhenCopyingNearCopysExactText() {
    String edited = reworded(FLOOD, 11);
    decideAndAdd("a", T0, FLOOD);
    Outcome near = decideAndAdd("b", T0 + HOUR, edited);
    assertThat(near.verdict()).isEqualTo(Verdict.NEAR);

    Outcome copy = decideAndAdd("c", T0 + 2 * HOUR, edited);

    assertThat(copy.canonicalId()).isEqualTo("a");
    assertThat(copy.verdict()).isEqualTo(Verdict.NEAR);
    assertThat(copy.decision().dedup().similarity())
        .isEqualTo(near.decision().dedup().similarity());
    assertThat(copy.storyId()).isEqualTo("a");
    assertThat(copy.decision().storyKind()).isEqualTo(StoryKind.COPY);
  }

  @Test
  void shouldPointToOriginalWhenEditingNearCopyAgain() {
    String once = reworded(FLOOD, 5);
    String twice = Edit.TYPOS.apply(once, 0.05, RATES, new Random(6));
    decideAndAdd("a", T0, FLOOD);
    decideAndAdd("b", T0 + HOUR, once);
    // "b" is the closer text, but a copy is never a candidate.
    assertThat(MinHasher.similarity(index.signature(twice), index.signature(once)))
        .isGreaterThan(MinHasher.similarity(index.signature(twice), index.signature(FLOOD)));

    Outcome c = decideAndAdd("c", T0 + 2 * HOUR, twice);

    assertThat(c.verdict()).isEqualTo(Verdict.NEAR);
    assertThat(c.canonicalId()).isEqualTo("a");
    assertThat(c.decision().dedup().similarity())
        .isEqualTo(MinHasher.similarity(index.signature(twice), index.signature(FLOOD)));
    assertThat(c.storyId()).isEqualTo("a");
  }

  @Test
  void shouldChooseMostSimilarOriginalWhenTwoQualify() {
    // b = Y + Z and a = X + Y are originals (too little in common); c = Y is close to both, closer
    // to a (X is shorter than Z). a is later than b: similarity decides before time.
    Random random = new Random(17);
    String x = randomText(random, 50);
    String y = randomText(random, 60);
    String z = randomText(random, 80);
    String a = x + " " + y;
    String b = y + " " + z;
    double toA = MinHasher.similarity(index.signature(y), index.signature(a));
    double toB = MinHasher.similarity(index.signature(y), index.signature(b));
    assertThat(toB).isGreaterThanOrEqualTo(THRESHOLD);
    assertThat(toA).isGreaterThan(toB);

    assertThat(decideAndAdd("b", T0, b).verdict()).isEqualTo(Verdict.ORIGINAL);
    assertThat(decideAndAdd("a", T0 + HOUR, a).verdict()).isEqualTo(Verdict.ORIGINAL);
    Outcome c = decideAndAdd("c", T0 + 2 * HOUR, y);

    assertThat(c.decision().dedup()).isEqualTo(Dedup.nearCopyOf("a", toA));
    assertThat(c.storyId()).isEqualTo("a");
  }

  // --- re-sends ---------------------------------------------------------------------------------

  @Test
  void shouldBeResendWhenSameIdAndTextComeAgainWithinHorizon() {
    decideAndAdd("a", T0, FLOOD);

    Outcome again = decideAndAdd("a", T0 + 2 * HOUR, FLOOD);
    Outcome earlier = decideAndAdd("a", T0 - HOUR, FLOOD);

    assertThat(again.decision().resend()).isTrue();
    assertThat(again.decision().dedup()).isNull();
    assertThat(again.decision().storyId()).isNull();
    assertThat(again.decision().storyKind()).isEqualTo(StoryKind.NONE);
    assertThat(earlier.decision().resend()).isTrue();
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void shouldDecideAgainWhenSameIdComesWithNewText() {
    decideAndAdd("a", T0, FLOOD);

    Outcome updated = decideAndAdd("a", T0 + HOUR, RATES);

    assertThat(updated.decision().resend()).isFalse();
    assertThat(updated.decision().dedup()).isEqualTo(Dedup.original("a"));
    assertThat(index.size()).isEqualTo(1);
    // The new text is indexed under "a": a copy of it is a copy of "a".
    assertThat(decideAndAdd("b", T0 + 2 * HOUR, RATES).decision().dedup())
        .isEqualTo(Dedup.exactCopyOf("a"));
  }

  @Test
  void shouldStillCopyFirstOfOldTextWhenItsArticleWasUpdated() {
    // review10's case: an update of a's text dropped a from the articles of its old text, and c,
    // a copy of that text like b, came out an original opening a story of its own.
    Outcome a = decideAndAdd("a", T0, FLOOD);
    assertThat(decideAndAdd("b", T0 + HOUR, FLOOD).decision().dedup())
        .isEqualTo(Dedup.exactCopyOf("a"));
    decideAndAdd("a", T0 + 2 * HOUR, RATES);

    Outcome c = decideAndAdd("c", T0 + 3 * HOUR, FLOOD);

    // the first article in the order with that text is a (its first version)
    assertThat(c.decision().dedup()).isEqualTo(Dedup.exactCopyOf("a"));
    assertThat(c.storyId()).isEqualTo(a.storyId());
  }

  @Test
  void shouldDropAReSendOfTheOldVersionOfAnUpdatedArticle() {
    // review12 noted that a@T0 delivered again after its update was emitted again; the kept old
    // version (rev12b) now tells it as a re-send. A revert to the old text at a new time is not.
    decideAndAdd("a", T0, FLOOD);
    decideAndAdd("a", T0 + HOUR, RATES);

    assertThat(decideAndAdd("a", T0, FLOOD).decision().resend()).isTrue();
    assertThat(decideAndAdd("a", T0 + 2 * HOUR, FLOOD).decision().resend()).isFalse();
  }

  @Test
  void shouldForgetTheOldTextOfAnUpdatedArticleWhenItsFirstVersionExpires() {
    decideAndAdd("a", T0, FLOOD);
    decideAndAdd("a", T0 + HOUR, RATES);
    assertThat(index.texts()).isEqualTo(2); // the old text stays with a's first version

    // a's first version expires once it is older than the newest minus keepMs; its second stays
    decideAndAdd("z", T0 + index.keepMs() + 1, FOOTBALL);

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.texts()).isEqualTo(2); // RATES and FOOTBALL: FLOOD is gone
  }

  @Test
  void shouldNotCopyItselfWhenSameIdAndTextComeAfterHorizon() {
    decideAndAdd("a", T0, FLOOD);

    Outcome late = decideAndAdd("a", T0 + DAY + 1, FLOOD);

    assertThat(late.decision().resend()).isFalse();
    assertThat(late.decision().dedup()).isEqualTo(Dedup.original("a"));
  }

  // --- horizon ----------------------------------------------------------------------------------

  @Test
  void shouldBeCopyWhenExactlyOneHorizonLater() {
    decideAndAdd("a", T0, FLOOD);
    assertThat(decideAndAdd("b", T0 + DAY, FLOOD).decision().dedup())
        .isEqualTo(Dedup.exactCopyOf("a"));
  }

  @Test
  void shouldBeOriginalAgainWhenMoreThanOneHorizonLater() {
    decideAndAdd("a", T0, FLOOD);

    Outcome b = decideAndAdd("b", T0 + DAY + 1, FLOOD);
    Outcome c = decideAndAdd("c", T0 + DAY + HOUR, FLOOD);

    assertThat(b.decision().dedup()).isEqualTo(Dedup.original("b"));
    assertThat(b.storyId()).isEqualTo("b");
    // Later ones copy the new first.
    assertThat(c.decision().dedup()).isEqualTo(Dedup.exactCopyOf("b"));
  }

  @Test
  void shouldNotBeNearCopyWhenOriginalIsMoreThanOneHorizonEarlier() {
    decideAndAdd("a", T0, FLOOD);
    Outcome b = decideAndAdd("b", T0 + DAY + 1, reworded(FLOOD, 9));
    assertThat(b.verdict()).isEqualTo(Verdict.ORIGINAL);
  }

  // --- late articles ----------------------------------------------------------------------------

  @Test
  void shouldNotCopyLaterArticleWhenArticleIsLate() {
    decideAndAdd("b", T0 + HOUR, FLOOD);

    Outcome exact = decideAndAdd("a", T0, FLOOD);
    Outcome near = decideAndAdd("c", T0 - HOUR, reworded(FLOOD, 4));

    assertThat(exact.decision().dedup()).isEqualTo(Dedup.original("a"));
    assertThat(exact.storyId()).isEqualTo("a");
    // "c" is before both; it copies neither.
    assertThat(near.decision().dedup()).isEqualTo(Dedup.original("c"));
    assertThat(near.storyId()).isEqualTo("c");
  }

  @Test
  void shouldNotCopyArticleOfSameTimeWhenIdIsLarger() {
    decideAndAdd("b", T0, FLOOD);

    Outcome a = decideAndAdd("a", T0, FLOOD);
    Outcome c = decideAndAdd("c", T0, FLOOD);

    assertThat(a.decision().dedup()).isEqualTo(Dedup.original("a"));
    // "c" comes after "a" and "b": it copies the first in the order, "a".
    assertThat(c.decision().dedup()).isEqualTo(Dedup.exactCopyOf("a"));
  }

  @Test
  void shouldNotJoinLaterArticlesStoryWhenArticleIsLate() {
    StoryTerms shared = terms("e:Q123", 3, "e:Q456", 3, "d:10-22", 2);
    decideAndAdd("b", T0 + HOUR, FLOOD, shared);

    Outcome a = decideAndAdd("a", T0, RATES, shared);

    assertThat(a.decision().dedup()).isEqualTo(Dedup.original("a"));
    assertThat(a.storyId()).isEqualTo("a");
    assertThat(a.decision().storyKind()).isEqualTo(StoryKind.OPENED);
  }

  @Test
  void shouldBeExactCopyWhenLateArticleHasTextOfEarlierOriginal() {
    // "a" is the first with FLOOD; "f", more than a horizon later, is an original again. "l"
    // arrives late, between them, within the horizon of "a": an exact copy of "a", as it would
    // have been had it arrived in order.
    decideAndAdd("a", T0, FLOOD);
    assertThat(decideAndAdd("f", T0 + DAY + DAY / 2, FLOOD).verdict()).isEqualTo(Verdict.ORIGINAL);

    Outcome late = decideAndAdd("l", T0 + DAY - HOUR, FLOOD);

    assertThat(late.decision().dedup()).isEqualTo(Dedup.exactCopyOf("a"));
    assertThat(late.storyId()).isEqualTo("a");
  }

  @Test
  void shouldCopyNearCopysOriginalWhenLateArticleHasTextOfEarlierNearCopy() {
    // "n", a near copy of "o", is the first with its text; "f", more than a horizon after "n",
    // is an original again. "l" arrives late, within the horizon of "n" but not of "o": in order
    // it copies what "n" copies.
    String edited = reworded(FLOOD, 21);
    decideAndAdd("o", T0, FLOOD);
    Outcome n = decideAndAdd("n", T0 + DAY - HOUR, edited);
    assertThat(n.verdict()).isEqualTo(Verdict.NEAR);
    assertThat(decideAndAdd("f", T0 + 2 * DAY, edited).verdict()).isEqualTo(Verdict.ORIGINAL);

    Outcome late = decideAndAdd("l", T0 + DAY + DAY / 2, edited);

    assertThat(late.decision().dedup()).isEqualTo(n.decision().dedup());
    assertThat(late.storyId()).isEqualTo("o");
  }

  @Test
  void shouldDecideAlikeAfterRebuildWhenLateArticleWasIndexed() {
    // Live: "a", then "b" (an original again, more than a horizon later), then "l" late between
    // them. A rebuild adds the same entries in the order: a, l, b. An article after all of them
    // must be decided the same either way.
    List<Decided> log = new ArrayList<>();
    log.add(decideAndAdd("a", T0, FLOOD).entry());
    log.add(decideAndAdd("b", T0 + DAY + DAY / 2, FLOOD).entry());
    log.add(decideAndAdd("l", T0 + DAY - HOUR, FLOOD).entry());
    DecisionIndex rebuilt = rebuiltFrom(log);

    Decision live = decideAndAdd("x", T0 + DAY + 2 * DAY / 3, FLOOD).decision();
    Decision restored = decideAndAdd(rebuilt, "x", T0 + DAY + 2 * DAY / 3, FLOOD, null).decision();

    assertThat(live).isEqualTo(restored);
    assertThat(live.dedup()).isEqualTo(Dedup.exactCopyOf("b"));
  }

  @Test
  void shouldDecideAlikeAfterRebuildWhenALateEarlierVersionOfAnArticleComes() {
    // Live: "a" with FLOOD, then a late earlier version of "a" with RATES. In the order the RATES
    // version comes first and the FLOOD version replaces it, as a rebuild adds them: the live
    // index keeps the FLOOD version too (it used to take the late one as the current version, so
    // a near copy of FLOOD found nothing live and "a" after a restart).
    List<Decided> log = new ArrayList<>();
    log.add(decideAndAdd("a", T0 + 2 * HOUR, FLOOD).entry());
    log.add(decideAndAdd("a", T0 + HOUR, RATES).entry());
    DecisionIndex rebuilt = rebuiltFrom(log);
    String edited = reworded(FLOOD, 7);

    Decision live = decideAndAdd("x", T0 + 3 * HOUR, edited).decision();
    Decision restored = decideAndAdd(rebuilt, "x", T0 + 3 * HOUR, edited, null).decision();
    Decision liveCopy = decideAndAdd("y", T0 + 4 * HOUR, RATES).decision();
    Decision restoredCopy = decideAndAdd(rebuilt, "y", T0 + 4 * HOUR, RATES, null).decision();

    assertThat(live).isEqualTo(restored);
    assertThat(live.dedup().verdict()).isEqualTo(Verdict.NEAR);
    assertThat(live.dedup().canonicalId()).isEqualTo("a");
    assertThat(liveCopy).isEqualTo(restoredCopy);
    assertThat(liveCopy.dedup()).isEqualTo(Dedup.exactCopyOf("a"));
    assertThat(index.size()).isEqualTo(rebuilt.size());
    assertThat(index.texts()).isEqualTo(rebuilt.texts());
  }

  /** The index rebuilt from a decide-log (one entry per id and record time, the last written). */
  private static DecisionIndex rebuiltFrom(java.util.Map<String, Decided> log) {
    return rebuiltFrom(log.values());
  }

  /** A fresh index given the entries in the order (record time, id), as a start rebuilds it. */
  private static DecisionIndex rebuiltFrom(java.util.Collection<Decided> log) {
    DecisionIndex rebuilt = freshIndex();
    log.stream()
        .sorted(Comparator.comparingLong(Decided::time).thenComparing(Decided::id))
        .forEach(rebuilt::add);
    return rebuilt;
  }

  private Outcome logged(java.util.Map<String, Decided> log, String id, long time, String body) {
    Outcome o = decideAndAdd(id, time, body);
    if (o.entry() != null) {
      log.put(id + "@" + time, o.entry());
    }
    return o;
  }

  @Test
  void shouldDecideAlikeAfterRebuildWhenALateVersionHasTheTimeOfAnOlderKeptVersion() {
    // rev12b: "a" FLOOD at 1h, updated to RATES at 3h (FLOOD kept among its text: other time),
    // then a late version FOOTBALL at 1h again. decide-log keeps one entry per id and time: the
    // FOOTBALL one replaces FLOOD there, so the rebuild knows no FLOOD; the live index kept it, so
    // a later copy of FLOOD was an exact copy of "a" live and an original after a restart.
    java.util.Map<String, Decided> log = new java.util.LinkedHashMap<>();
    logged(log, "a", T0 + HOUR, FLOOD);
    logged(log, "a", T0 + 3 * HOUR, RATES);
    logged(log, "a", T0 + HOUR, FOOTBALL);
    DecisionIndex rebuilt = rebuiltFrom(log);

    Decision live = decideAndAdd("y", T0 + 4 * HOUR, FLOOD).decision();
    Decision restored = decideAndAdd(rebuilt, "y", T0 + 4 * HOUR, FLOOD, null).decision();

    assertThat(live).isEqualTo(restored);
    assertThat(live.dedup().verdict()).isEqualTo(Verdict.ORIGINAL);
    assertThat(index.texts()).isEqualTo(rebuilt.texts());
  }

  @Test
  void shouldDecideAlikeAfterRebuildWhenAVersionAtTheSameTimeReplacesTheFirstOfItsText() {
    // rev12b: "a" FLOOD at 1h, "x" copies it at 2h, then "a" RATES at 1h (same record time:
    // decide-log keeps RATES only, and FLOOD leaves the live index's texts). In the rebuild "x" is
    // the first of FLOOD, so "y" FLOOD copies "a" through it; live, "x" kept its mark "not first"
    // (the removal did not mark again), so "y" found no first and was an original.
    java.util.Map<String, Decided> log = new java.util.LinkedHashMap<>();
    logged(log, "a", T0 + HOUR, FLOOD);
    assertThat(logged(log, "x", T0 + 2 * HOUR, FLOOD).decision().dedup())
        .isEqualTo(Dedup.exactCopyOf("a"));
    logged(log, "a", T0 + HOUR, RATES);
    DecisionIndex rebuilt = rebuiltFrom(log);

    Decision live = decideAndAdd("y", T0 + 3 * HOUR, FLOOD).decision();
    Decision restored = decideAndAdd(rebuilt, "y", T0 + 3 * HOUR, FLOOD, null).decision();

    assertThat(restored.dedup()).isEqualTo(Dedup.exactCopyOf("a"));
    assertThat(live).isEqualTo(restored);
  }

  @Test
  void shouldDecideAlikeAfterRebuildWhenALateVersionHasTheTimeOfAnOlderFirstOfItsText() {
    // rev12b: as above, through a late version: "a" FLOOD at 1h, "x" copies it at 2h, "a" RATES at
    // 5h, then a late "a" FOOTBALL at 1h (decide-log: FOOTBALL replaces FLOOD at 1h).
    java.util.Map<String, Decided> log = new java.util.LinkedHashMap<>();
    logged(log, "a", T0 + HOUR, FLOOD);
    logged(log, "x", T0 + 2 * HOUR, FLOOD);
    logged(log, "a", T0 + 5 * HOUR, RATES);
    logged(log, "a", T0 + HOUR, FOOTBALL);
    DecisionIndex rebuilt = rebuiltFrom(log);

    Decision live = decideAndAdd("y", T0 + 6 * HOUR, FLOOD).decision();
    Decision restored = decideAndAdd(rebuilt, "y", T0 + 6 * HOUR, FLOOD, null).decision();

    assertThat(restored.dedup()).isEqualTo(Dedup.exactCopyOf("a"));
    assertThat(live).isEqualTo(restored);
    assertThat(index.texts()).isEqualTo(rebuilt.texts());
  }

  @Test
  void shouldDropAReSendOfALateEarlierVersionLiveAndAfterRebuild() {
    // rev12b: "a" FLOOD at 2h, then a late earlier version RATES at 1h (kept among its text only,
    // 9228095), then the same RATES version again (same id, time and text: decide-log holds it
    // already). It was decided again, live and after a rebuild, and emitted twice (before 9228095
    // the late version was current, so the live index dropped the re-send, the rebuild did not).
    java.util.Map<String, Decided> log = new java.util.LinkedHashMap<>();
    logged(log, "a", T0 + 2 * HOUR, FLOOD);
    logged(log, "a", T0 + HOUR, RATES);
    DecisionIndex rebuilt = rebuiltFrom(log);

    Outcome live = decideAndAdd("a", T0 + HOUR, RATES);
    Outcome restored = decideAndAdd(rebuilt, "a", T0 + HOUR, RATES, null);

    assertThat(live.decision().resend()).isTrue();
    assertThat(restored.decision().resend()).isTrue();
  }

  @Test
  void shouldCopyEarliestInOrderWhenLateArticleIsFirstOfItsText() {
    decideAndAdd("f", T0 + HOUR, FLOOD);
    assertThat(decideAndAdd("e", T0, FLOOD).verdict()).isEqualTo(Verdict.ORIGINAL);

    Outcome x = decideAndAdd("x", T0 + 2 * HOUR, FLOOD);

    assertThat(x.decision().dedup()).isEqualTo(Dedup.exactCopyOf("e"));
    assertThat(x.storyId()).isEqualTo("e");
  }

  @Test
  void shouldStartNewHorizonAfterLateFirstWhenLaterCopyIsBeyondIt() {
    // Live: "f" first, "g" an exact copy of it; then "e" arrives late, before "f". In the order,
    // "f" is within the horizon of "e" and "g" is not: "g" begins a new horizon, and "x" (beyond
    // the horizon of "e", within that of "g") copies what "g" copies.
    decideAndAdd("f", T0 + 12 * HOUR, FLOOD);
    assertThat(decideAndAdd("g", T0 + 30 * HOUR, FLOOD).decision().dedup())
        .isEqualTo(Dedup.exactCopyOf("f"));
    decideAndAdd("e", T0, FLOOD);

    Outcome x = decideAndAdd("x", T0 + 32 * HOUR, FLOOD);

    assertThat(x.decision().dedup()).isEqualTo(Dedup.exactCopyOf("f"));
    assertThat(x.storyId()).isEqualTo("f");
  }

  @Test
  void shouldJoinTheSameStoryAfterRebuildWhenALateOriginalSharesATerm() {
    // One posting read per term (two kept). "e1" and "e2" share the term Q but not enough to join;
    // "l" arrives late, between them in the order, and shares Q too. "x", decided after "l" came
    // and after everything in the order, scores above the threshold against each of the three on
    // Q alone: it joins the story of the posting of Q it reads. A rebuild (the entries in the
    // order) must read the same one as the index that took "l" late.
    StoryConfig onePerTerm =
        new StoryConfig(
            StoryConfig.DEFAULTS.window(),
            StoryConfig.DEFAULTS.threshold(),
            StoryConfig.DEFAULTS.lexicalShare(),
            StoryConfig.DEFAULTS.minEvidence(),
            1);
    DecisionIndex live = new DecisionIndex(HORIZON, EnrichConfig.DEFAULT_NEAR, onePerTerm);
    List<Decided> log = new ArrayList<>();
    log.add(decideAndAdd(live, "e1", T0, FLOOD, strong("Q", "A")).entry());
    log.add(decideAndAdd(live, "e2", T0 + 3 * HOUR, RATES, strong("Q", "B")).entry());
    Outcome late = decideAndAdd(live, "l", T0 + HOUR, FOOTBALL, strong("Q", "C"));
    log.add(late.entry());
    assertThat(late.decision().storyKind()).isEqualTo(StoryKind.OPENED);
    DecisionIndex rebuilt = new DecisionIndex(HORIZON, EnrichConfig.DEFAULT_NEAR, onePerTerm);
    log.stream()
        .sorted(Comparator.comparingLong(Decided::time).thenComparing(Decided::id))
        .forEach(rebuilt::add);
    String body = randomText(new Random(5), 80);

    Decision x = decideAndAdd(live, "x", T0 + 4 * HOUR, body, terms("e:Q", 3)).decision();
    Decision again = decideAndAdd(rebuilt, "x", T0 + 4 * HOUR, body, terms("e:Q", 3)).decision();

    assertThat(x.storyKind()).isEqualTo(StoryKind.JOINED);
    assertThat(again).isEqualTo(x);
  }

  /** The term e:{@code shared} and four of e:{@code own}N, all of weight 3. */
  private static StoryTerms strong(String shared, String own) {
    return terms(
        "e:" + shared,
        3,
        "e:" + own + "1",
        3,
        "e:" + own + "2",
        3,
        "e:" + own + "3",
        3,
        "e:" + own + "4",
        3);
  }

  // --- stories ----------------------------------------------------------------------------------

  @Test
  void shouldJoinEarlierStoryWhenStrongTermsAreShared() {
    StoryTerms first = terms("e:Q123", 3, "e:Q456", 3, "d:10-22", 2);
    StoryTerms second = terms("e:Q123", 3, "e:Q456", 3, "n:1500", 1.5);
    StoryTerms third = terms("e:Q456", 3, "e:Q789", 3);
    StoryTerms unrelated = terms("e:Q999", 3, "e:Q777", 3, "d:01-05", 2);
    // The terms alone decide: the score is well above the threshold.
    assertThat(StoryScore.pair(StoryConfig.DEFAULTS, second, first, HOUR))
        .isGreaterThan(StoryConfig.DEFAULTS.threshold());

    Outcome a = decideAndAdd("a", T0, FLOOD, first);
    Outcome b = decideAndAdd("b", T0 + HOUR, RATES, second);
    Outcome c = decideAndAdd("c", T0 + 2 * HOUR, FOOTBALL, third);
    Outcome d =
        decideAndAdd("d", T0 + 3 * HOUR, FOOTBALL.replace("Filipina", "Vietnam"), unrelated);

    assertThat(a.decision().storyKind()).isEqualTo(StoryKind.OPENED);
    assertThat(b.decision().dedup()).isEqualTo(Dedup.original("b"));
    assertThat(b.storyId()).isEqualTo("a");
    assertThat(b.decision().storyKind()).isEqualTo(StoryKind.JOINED);
    // "c" matches "b" (or "a") on Q456: the story is "a"'s, handed on.
    assertThat(c.storyId()).isEqualTo("a");
    assertThat(c.decision().storyKind()).isEqualTo(StoryKind.JOINED);
    // A near copy takes its original's story, whatever its own terms.
    assertThat(d.verdict()).isEqualTo(Verdict.NEAR);
    assertThat(d.storyId()).isEqualTo("a");
    assertThat(d.decision().storyKind()).isEqualTo(StoryKind.COPY);
  }

  @Test
  void shouldOpenOwnStoryWhenTermsAreDissimilar() {
    decideAndAdd("a", T0, FLOOD, terms("e:Q123", 3, "e:Q456", 3, "d:10-22", 2));
    // Shares one weak term only: below the evidence minimum.
    Outcome b = decideAndAdd("b", T0 + HOUR, RATES, terms("e:Q999", 3, "d:10-22", 2));

    assertThat(b.storyId()).isEqualTo("b");
    assertThat(b.decision().storyKind()).isEqualTo(StoryKind.OPENED);
  }

  @Test
  void shouldOpenOwnStoryWhenSharedTermsAreOlderThanStoryWindow() {
    StoryTerms shared = terms("e:Q123", 3, "e:Q456", 3);
    decideAndAdd("a", T0, FLOOD, shared);

    Outcome inside = decideAndAdd("b", T0 + 6 * DAY, RATES, shared);
    Outcome outside = decideAndAdd("c", T0 + 6 * DAY + 8 * DAY, FOOTBALL, shared);

    assertThat(inside.storyId()).isEqualTo("a");
    // "c" is more than a window after both "a" and "b".
    assertThat(outside.storyId()).isEqualTo("c");
    assertThat(outside.decision().storyKind()).isEqualTo(StoryKind.OPENED);
  }

  @Test
  void shouldJoinOwnStoryAgainWhenOriginalAgainAfterHorizon() {
    // Horizon 1 day, story window 7: the same text two days later is an original again, and joins
    // the first one's story on its terms.
    StoryTerms shared = terms("e:Q123", 3, "e:Q456", 3);
    decideAndAdd("a", T0, FLOOD, shared);

    Outcome b = decideAndAdd("b", T0 + 2 * DAY, FLOOD, shared);

    assertThat(b.decision().dedup()).isEqualTo(Dedup.original("b"));
    assertThat(b.storyId()).isEqualTo("a");
    assertThat(b.decision().storyKind()).isEqualTo(StoryKind.JOINED);
  }

  // --- expiry -----------------------------------------------------------------------------------

  @Test
  void shouldForgetEntriesOlderThanKeepWhenArticlesSpanManyHorizons() {
    assertThat(index.keepMs()).isEqualTo(Duration.ofDays(7).toMillis());
    Random random = new Random(99);
    int maxSize = 0;
    // One article an hour for 60 days: 1,441 in all, each its own text and terms.
    for (int h = 0; h <= 60 * 24; h++) {
      String id = String.format("a%05d", h);
      decideAndAdd(id, T0 + h * HOUR, randomText(random, 60), terms("e:Q" + h, 3));
      maxSize = Math.max(maxSize, index.size());
    }
    // Kept: the articles of the last 7 days, the ends included.
    assertThat(index.size()).isEqualTo(7 * 24 + 1);
    assertThat(maxSize).isEqualTo(7 * 24 + 1);
  }

  @Test
  void shouldForgetOriginalAndCopyWhenNewestMovesPastKeep() {
    decideAndAdd("a", T0, FLOOD);
    decideAndAdd("b", T0 + HOUR, FLOOD);
    assertThat(index.size()).isEqualTo(2);
    // Newest moves 7 days and 2 hours on: both are forgotten.
    decideAndAdd("z", T0 + 7 * DAY + 2 * HOUR, RATES);
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void shouldBeOriginalWhenFirstOfTextHasExpiredAndOnlyItsCopyRemains() {
    // Horizon = story window = keep (the defaults): "o" is forgotten once newest is a week on,
    // while "b", its copy, is still kept. "x" is more than a horizon after "o": an original, as it
    // was while "o" was kept; "b" does not begin a horizon of its own.
    DecisionIndex week =
        new DecisionIndex(Duration.ofDays(7), EnrichConfig.DEFAULT_NEAR, StoryConfig.DEFAULTS);
    decideAndAdd(week, "o", T0, FLOOD, null);
    assertThat(decideAndAdd(week, "b", T0 + 6 * DAY, FLOOD, null).decision().dedup())
        .isEqualTo(Dedup.exactCopyOf("o"));
    decideAndAdd(week, "z", T0 + 7 * DAY + HOUR, RATES, null);
    assertThat(week.size()).isEqualTo(2);

    Outcome x = decideAndAdd(week, "x", T0 + 7 * DAY + 2 * HOUR, FLOOD, null);

    assertThat(x.decision().dedup()).isEqualTo(Dedup.original("x"));
  }

  // --- determinism ------------------------------------------------------------------------------

  /** One generated article. */
  private record Article(String id, long time, String body, StoryTerms terms) {}

  private static final List<String> VOCABULARY = vocabulary();

  private static List<String> vocabulary() {
    Set<String> words = new LinkedHashSet<>();
    for (String text : List.of(FLOOD, RATES, FOOTBALL)) {
      for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
        if (w.length() > 2) {
          words.add(w);
        }
      }
    }
    return List.copyOf(words);
  }

  private static String randomText(Random random, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      b.append(i == 0 ? "" : i % 12 == 0 ? ". " : " ")
          .append(VOCABULARY.get(random.nextInt(VOCABULARY.size())));
    }
    return b.append('.').toString();
  }

  /**
   * 300 articles over 5 days: fresh texts, exact copies, near copies, re-sends, updates, ties on
   * time; entity terms from a pool of 40, so stories join.
   */
  private static List<Article> generated() {
    Random random = new Random(20241022);
    List<Article> out = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long time = T0 + random.nextInt(5 * 24 * 4) * 15 * 60_000L; // quarter hours: ties happen
      int kind = out.isEmpty() ? 0 : random.nextInt(10);
      Article source = out.isEmpty() ? null : out.get(random.nextInt(out.size()));
      String id = String.format("n%03d", i);
      Article a =
          switch (kind) {
            case 0, 1, 2, 3 -> new Article(id, time, randomText(random, 80), randomTerms(random));
            case 4, 5 -> new Article(id, time, source.body(), source.terms());
            case 6, 7 ->
                new Article(
                    id,
                    time,
                    Edit.REWORD.apply(
                        source.body(), 0.1, randomText(random, 40), new Random(random.nextLong())),
                    source.terms());
            case 8 -> new Article(source.id(), time, source.body(), source.terms()); // re-send
            default -> new Article(source.id(), time, randomText(random, 80), source.terms());
          };
      out.add(a);
    }
    out.sort(Comparator.comparingLong(Article::time).thenComparing(Article::id));
    return out;
  }

  private static StoryTerms randomTerms(Random random) {
    int n = 1 + random.nextInt(3);
    List<String> picked = new ArrayList<>();
    while (picked.size() < n) {
      String t = "e:Q" + random.nextInt(40);
      if (!picked.contains(t)) {
        picked.add(t);
      }
    }
    Object[] tw = new Object[2 * n + 2];
    for (int i = 0; i < n; i++) {
      tw[2 * i] = picked.get(i);
      tw[2 * i + 1] = 3;
    }
    tw[2 * n] = "w:id:" + VOCABULARY.get(random.nextInt(VOCABULARY.size()));
    tw[2 * n + 1] = 1;
    return terms(tw);
  }

  private static List<Decision> decideAll(DecisionIndex index, List<Article> articles) {
    List<Decision> out = new ArrayList<>();
    for (Article a : articles) {
      out.add(decideAndAdd(index, a.id(), a.time(), a.body(), a.terms()).decision());
    }
    return out;
  }

  private static DecisionIndex freshIndex() {
    return new DecisionIndex(HORIZON, EnrichConfig.DEFAULT_NEAR, StoryConfig.DEFAULTS);
  }

  @Test
  void shouldDecideAlikeWhenSameArticlesAreDecidedTwice() {
    List<Article> articles = generated();

    List<Decision> first = decideAll(freshIndex(), articles);
    List<Decision> second = decideAll(freshIndex(), generated());

    assertThat(second).isEqualTo(first);
    // The run exercises every kind of decision, so equality says something.
    Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
    Set<StoryKind> kinds = EnumSet.noneOf(StoryKind.class);
    for (Decision d : first) {
      kinds.add(d.storyKind());
      if (!d.resend()) {
        verdicts.add(d.dedup().verdict());
      }
    }
    assertThat(verdicts).containsExactlyInAnyOrder(Verdict.values());
    assertThat(kinds).containsExactlyInAnyOrder(StoryKind.values());
    // Not every article opens its own story, and not all in one.
    long stories = first.stream().map(Decision::storyId).distinct().count();
    assertThat(stories).isBetween(10L, 250L);
  }

  @Test
  void shouldDecideAlikeWhenIndexIsRebuiltFromEntriesHalfway() {
    List<Article> articles = generated();
    List<Decision> straight = decideAll(freshIndex(), articles);

    // As DecideProcessor.restore: a new index fed the entries of the first half, in the order.
    DecisionIndex before = freshIndex();
    List<Decision> resumed = new ArrayList<>();
    List<Decided> log = new ArrayList<>();
    for (Article a : articles.subList(0, 150)) {
      Outcome o = decideAndAdd(before, a.id(), a.time(), a.body(), a.terms());
      resumed.add(o.decision());
      if (o.entry() != null) {
        log.add(o.entry());
      }
    }
    log.sort(Comparator.comparingLong(Decided::time).thenComparing(Decided::id));
    DecisionIndex restored = freshIndex();
    log.forEach(restored::add);
    assertThat(restored.size()).isEqualTo(before.size());
    resumed.addAll(decideAll(restored, articles.subList(150, articles.size())));

    assertThat(resumed).isEqualTo(straight);
  }
}
