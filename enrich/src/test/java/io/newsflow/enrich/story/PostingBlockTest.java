package io.newsflow.enrich.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PostingBlockTest {
  private static Posting posting(String id) {
    return new Posting(id, 1.5f, "id", 2f, 3f);
  }

  private static List<String> ids(PostingBlock b) {
    return b.entries().stream().map(e -> e.posting().articleId()).toList();
  }

  @Test
  void shouldKeepTheNewestFirstWhenPostingsArriveOutOfTimeOrder() {
    PostingBlock b =
        PostingBlock.EMPTY
            .plus(20, posting("b"), 10)
            .plus(10, posting("a"), 10)
            .plus(30, posting("c"), 10)
            .plus(20, posting("b2"), 10);

    assertThat(ids(b)).containsExactly("c", "b2", "b", "a");
    assertThat(b.entries())
        .extracting(PostingBlock.Entry::time)
        .containsExactly(30L, 20L, 20L, 10L);
  }

  @Test
  void shouldDropTheOldestWhenFull() {
    PostingBlock b = PostingBlock.EMPTY;
    for (int t = 0; t < 5; t++) {
      b = b.plus(t, posting("p" + t), 3);
    }
    PostingBlock older = b.plus(1, posting("late"), 3);

    assertThat(ids(b)).containsExactly("p4", "p3", "p2");
    assertThat(ids(older)).as("older than every kept posting").containsExactly("p4", "p3", "p2");
  }

  @Test
  void shouldMatchSortingAllPostingsWhenBuiltFromRandomOrder() {
    Random random = new Random(7);
    PostingBlock b = PostingBlock.EMPTY;
    List<Long> times = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long t = random.nextInt(50);
      times.add(t);
      b = b.plus(t, posting("p" + i), 16);
    }
    List<Long> expected =
        times.stream().sorted(java.util.Comparator.reverseOrder()).limit(16).toList();

    assertThat(b.entries()).extracting(PostingBlock.Entry::time).isEqualTo(expected);
  }

  @Test
  void shouldReadBackWhatItWroteWhenSerialised() {
    PostingBlock b =
        PostingBlock.EMPTY.plus(1_700_000_000_000L, posting("a"), 4).plus(5L, posting("é"), 4);

    byte[] bytes = PostingBlock.SERDE.serializer().serialize("t", b);

    assertThat(PostingBlock.SERDE.deserializer().deserialize("t", bytes)).isEqualTo(b);
  }

  @Test
  void shouldStartBucketsAtMultiplesOfTheirLengthWhenTimesAreAnywhere() {
    assertThat(PostingBlock.bucketOf(0, 100)).isZero();
    assertThat(PostingBlock.bucketOf(99, 100)).isZero();
    assertThat(PostingBlock.bucketOf(100, 100)).isEqualTo(100);
    assertThat(PostingBlock.bucketOf(250, 100)).isEqualTo(200);
  }
}
