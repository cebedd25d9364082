package io.newsflow.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Verdict;
import io.newsflow.kit.Compact;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code by-story} value and the {@code story-summaries} value read what earlier versions
 * wrote, and the story view's entries keep a summary bounded.
 */
class StoryFormatsTest {
  private static final Instant AT = Instant.parse("2024-10-21T08:00:00Z");
  private static final List<String> KEYS = List.of("outlet|kompas.tv", "language|id");

  @Test
  void shouldReadTheFirstBinaryLayoutOfAStoryArticleWhenAnOlderVersionWroteIt() throws IOException {
    StoryArticle original = StoryArticle.SERDE.deserializer().deserialize("t", firstLayout(false));
    StoryArticle copy = StoryArticle.SERDE.deserializer().deserialize("t", firstLayout(true));

    assertThat(original).isEqualTo(new StoryArticle("a", "Judul a", Verdict.ORIGINAL, null, KEYS));
    assertThat(copy.copy()).isTrue();
    assertThat(copy.verdict()).as("exact or near: not carried then").isNull();
    assertThat(copy.facetKeys()).isEqualTo(KEYS);
    // Written back, it reads the same.
    assertThat(roundTrip(copy)).isEqualTo(copy);
  }

  @Test
  void shouldCarryTheVerdictAndTheOriginalWhenACopyCrossesTheHop() {
    StoryArticle near = new StoryArticle("n", "Judul n", Verdict.NEAR, "a", KEYS);
    StoryArticle exact = new StoryArticle("e", null, Verdict.EXACT, "a", KEYS);
    StoryArticle original = new StoryArticle("a", "Judul a", Verdict.ORIGINAL, null, KEYS);

    assertThat(roundTrip(near)).isEqualTo(near);
    assertThat(roundTrip(exact)).isEqualTo(exact);
    assertThat(roundTrip(original)).isEqualTo(original);
    assertThat(near.facetValue(Facet.OUTLET)).isEqualTo("kompas.tv");
    assertThat(near.facetValue(Facet.LANGUAGE)).isEqualTo("id");
    assertThat(near.facetValue(Facet.THEME)).isNull();
  }

  @Test
  void shouldKeepTheIdsOfAnOlderSummaryInOrderWhenNewArticlesArrive() {
    String older =
        "{\"storyId\":\"s1\",\"title\":\"Judul a\",\"firstSeen\":\"2024-10-21T08:00:00Z\","
            + "\"lastSeen\":\"2024-10-21T08:00:00Z\",\"articles\":2,\"originals\":2,"
            + "\"articleIds\":[\"a\",\"b\"]}";
    StorySummary read =
        AggregateTopology.STORY_SUMMARY
            .deserializer()
            .deserialize("t", older.getBytes(StandardCharsets.UTF_8));

    StorySummary after =
        read.plus(new StoryArticle("c", "Judul c", Verdict.EXACT, "a", KEYS), AT.plusSeconds(9));

    assertThat(read.entries()).isEmpty();
    assertThat(read.ids()).containsExactly("a", "b");
    // Its articles stay in arrival order: a later one adds an id, not an entry.
    assertThat(after.ids()).containsExactly("a", "b", "c");
    assertThat(after.entries()).isEmpty();
    assertThat(after.articles()).isEqualTo(3);
    assertThat(after.originals()).isEqualTo(2);
    byte[] written = AggregateTopology.STORY_SUMMARY.serializer().serialize("t", after);
    assertThat(AggregateTopology.STORY_SUMMARY.deserializer().deserialize("t", written))
        .isEqualTo(after);
  }

  @Test
  void shouldStayBoundedWhenAStoryHasManyMoreArticlesThanItLists() {
    StorySummary s = StorySummary.empty("bench-1-0");
    String longTitle = "Mark Rutte: " + "kata ".repeat(60);
    for (int i = 0; i < 500; i++) {
      boolean copy = i % 3 == 2;
      s =
          s.plus(
              new StoryArticle(
                  "bench-1-" + i,
                  longTitle,
                  copy ? Verdict.NEAR : Verdict.ORIGINAL,
                  copy ? "bench-1-" + (i - 1) : null,
                  List.of("outlet|thejakartapost.com", "language|id", "actor|Mark Rutte")),
              AT.plusSeconds(i));
    }
    byte[] written = AggregateTopology.STORY_SUMMARY.serializer().serialize("t", s);
    StorySummary idsOnly =
        new StorySummary(
            s.storyId(),
            s.title(),
            s.firstSeen(),
            s.lastSeen(),
            s.articles(),
            s.originals(),
            s.ids(),
            null,
            null);
    byte[] before = AggregateTopology.STORY_SUMMARY.serializer().serialize("t", idsOnly);
    System.out.printf(
        "story-summaries value with %d entries and %d ids: %d bytes; with the ids only (before"
            + " the story view): %d bytes%n",
        s.entries().size(), s.ids().size(), written.length, before.length);

    assertThat(s.entries()).hasSize(StorySummary.MAX_ENTRIES);
    assertThat(s.ids()).hasSize(StorySummary.MAX_IDS);
    assertThat(s.ids().get(StorySummary.MAX_ENTRIES))
        .isEqualTo("bench-1-" + StorySummary.MAX_ENTRIES);
    assertThat(s.articles()).isEqualTo(500);
    assertThat(written.length - before.length).as("bytes the entries add").isLessThan(1_024);
  }

  private static StoryArticle roundTrip(StoryArticle a) {
    return StoryArticle.SERDE
        .deserializer()
        .deserialize("t", StoryArticle.SERDE.serializer().serialize("t", a));
  }

  /** A value as the first binary layout wrote it: the copy flag instead of a verdict. */
  private static byte[] firstLayout(boolean copy) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(Compact.FORMAT);
      Compact.writeText(out, copy ? "c" : "a");
      Compact.writeText(out, copy ? "Judul c" : "Judul a");
      out.writeBoolean(copy);
      out.writeInt(KEYS.size());
      for (String k : KEYS) {
        Compact.writeText(out, k);
      }
    }
    return bytes.toByteArray();
  }
}
