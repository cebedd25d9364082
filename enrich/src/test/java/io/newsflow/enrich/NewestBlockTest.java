package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class NewestBlockTest {
  private static final Serde<NewestBlock<String>> SERDE =
      NewestBlock.serde(NewestBlock::writeString, NewestBlock::readString);

  private static List<String> values(NewestBlock<String> b) {
    return b.entries().stream().map(NewestBlock.Entry::value).toList();
  }

  @Test
  void shouldKeepTheNewestFirstWhenValuesArriveOutOfTimeOrder() {
    NewestBlock<String> b =
        NewestBlock.<String>empty()
            .plus(20, "b", 10)
            .plus(10, "a", 10)
            .plus(30, "c", 10)
            .plus(20, "b2", 10);

    assertThat(values(b)).containsExactly("c", "b2", "b", "a");
    assertThat(b.entries()).extracting(NewestBlock.Entry::time).containsExactly(30L, 20L, 20L, 10L);
  }

  @Test
  void shouldDropTheOldestWhenFull() {
    NewestBlock<String> b = NewestBlock.empty();
    for (int t = 0; t < 5; t++) {
      b = b.plus(t, "p" + t, 3);
    }
    NewestBlock<String> older = b.plus(1, "late", 3);
    NewestBlock<String> newer = b.plus(9, "new", 3);

    assertThat(values(b)).containsExactly("p4", "p3", "p2");
    assertThat(values(older)).as("older than every kept value").containsExactly("p4", "p3", "p2");
    assertThat(values(newer)).containsExactly("new", "p4", "p3");
  }

  @Test
  void shouldMatchSortingAllValuesWhenBuiltFromRandomOrder() {
    Random random = new Random(7);
    NewestBlock<String> b = NewestBlock.empty();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long t = random.nextInt(50);
      times.add(t);
      b = b.plus(t, "p" + i, 16);
    }
    List<Long> expected = times.stream().sorted(Comparator.reverseOrder()).limit(16).toList();

    assertThat(b.entries()).extracting(NewestBlock.Entry::time).isEqualTo(expected);
  }

  @Test
  void shouldReadBackWhatItWroteWhenSerialised() {
    NewestBlock<String> b =
        NewestBlock.<String>empty().plus(1_700_000_000_000L, "a", 4).plus(5L, "é", 4);

    byte[] bytes = SERDE.serializer().serialize("t", b);

    assertThat(SERDE.deserializer().deserialize("t", bytes)).isEqualTo(b);
  }

  @Test
  void shouldFailLoudlyWhenABlockHasAnUnknownFormat() {
    byte[] bytes = SERDE.serializer().serialize("t", NewestBlock.empty());
    bytes[0] = 9;

    assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", bytes))
        .hasMessageContaining("unknown record format 9");
  }

  @Test
  void shouldStartBucketsAtMultiplesOfTheirLengthWhenTimesAreAnywhere() {
    assertThat(NewestBlock.bucketOf(0, 100)).isZero();
    assertThat(NewestBlock.bucketOf(99, 100)).isZero();
    assertThat(NewestBlock.bucketOf(100, 100)).isEqualTo(100);
    assertThat(NewestBlock.bucketOf(250, 100)).isEqualTo(200);
  }
}
