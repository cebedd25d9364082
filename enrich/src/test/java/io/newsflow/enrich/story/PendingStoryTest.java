package io.newsflow.enrich.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.common.InternalSerde;
import io.newsflow.common.JsonSerde;
import io.newsflow.enrich.Compact;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingStoryTest {
  private static final PendingStory WAITING =
      new PendingStory(
          "a-1",
          1_729_584_000_000L,
          "id",
          4.5f,
          12.25f,
          List.of(0, 2, 5),
          List.of(2),
          Map.of(
              "b-7",
              new StoryAnswer.Match("b-7", 1_729_500_000_000L, "s-1", "en", 1f, 0f, 3f, 9f),
              "c-9",
              new StoryAnswer.Match("c-9", 1_729_580_000_000L, null, "id", 0.5f, 2f, 4f, 8f)),
          1_800_000_000_000L);

  @Test
  void shouldReadBackWhatItWroteWhenSerialised() {
    byte[] bytes = PendingStory.SERDE.serializer().serialize("t", WAITING);

    assertThat(bytes[0]).isEqualTo((byte) Compact.FORMAT);
    assertThat(PendingStory.SERDE.deserializer().deserialize("t", bytes)).isEqualTo(WAITING);
  }

  @Test
  void shouldReadValuesOfEarlierVersionsWhenTheyAreSmileOrJson() {
    byte[] smile = new InternalSerde<>(PendingStory.class).toBytes(WAITING);
    byte[] json = new JsonSerde<>(PendingStory.class).toBytes(WAITING);

    assertThat(PendingStory.SERDE.deserializer().deserialize("t", smile)).isEqualTo(WAITING);
    assertThat(PendingStory.SERDE.deserializer().deserialize("t", json)).isEqualTo(WAITING);
  }
}
