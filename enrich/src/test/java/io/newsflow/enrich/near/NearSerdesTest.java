package io.newsflow.enrich.near;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class NearSerdesTest {
  private static <T> T roundTrip(Serde<T> serde, T value) {
    byte[] bytes = serde.serializer().serialize("t", value);
    return serde.deserializer().deserialize("t", bytes);
  }

  @Test
  void shouldReadBackEveryFieldWhenABandQueryRoundTrips() {
    int[] signature = new MinHasher(2, 192).signature("Pasukan Korea Utara tiba di Rusia timur");
    BandQuery q =
        new BandQuery("a-1", 1_729_497_600_000L, 2, 5, List.of("0:ff", "7:1a2b"), signature);

    BandQuery back = roundTrip(NearSerdes.BAND_QUERY, q);

    assertThat(back.articleId()).isEqualTo("a-1");
    assertThat(back.time()).isEqualTo(q.time());
    assertThat(back.replyPartition()).isEqualTo(2);
    assertThat(back.targetPartition()).isEqualTo(5);
    assertThat(back.bands()).containsExactly("0:ff", "7:1a2b");
    assertThat(back.signature()).containsExactly(signature);
    assertThat(NearSerdes.BAND_QUERY.serializer().serialize("t", q)).hasSizeLessThan(900);
  }

  @Test
  void shouldKeepNullsAndNonAsciiWhenAnswersAndWaitingEntriesRoundTrip() {
    Candidate c = new Candidate("berita-ü-1", 42L, 0.75, null);
    Candidate d = new Candidate("b-2", 43L, 0.5, "b-1");
    BandAnswer a = new BandAnswer("x", 1, 3, List.of(c, d));
    NearWaiting w = new NearWaiting(7L, 8L, List.of(0, 1, 2), List.of(1), List.of(c));

    assertThat(roundTrip(NearSerdes.BAND_ANSWER, a)).isEqualTo(a);
    assertThat(roundTrip(NearSerdes.WAITING, w)).isEqualTo(w);
    assertThat(roundTrip(NearSerdes.VERDICT_UPDATE, new VerdictUpdate("c", 9L, "o", 4)))
        .isEqualTo(new VerdictUpdate("c", 9L, "o", 4));
    SignatureEntry e = roundTrip(NearSerdes.SIGNATURE, new SignatureEntry(new int[] {1, -2}, null));
    assertThat(e.signature()).containsExactly(1, -2);
    assertThat(e.canonicalId()).isNull();
    assertThat(NearSerdes.WAITING.serializer().serialize("t", null)).isNull();
    assertThat(NearSerdes.WAITING.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void shouldFailClearlyWhenBytesAreNotThisEncoding() {
    assertThatThrownBy(
            () ->
                NearSerdes.SIGNATURE
                    .deserializer()
                    .deserialize("t", "{\"signature\":[]}".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SignatureEntry")
        .hasMessageContaining("version");
  }
}
