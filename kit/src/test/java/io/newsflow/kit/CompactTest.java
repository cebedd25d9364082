package io.newsflow.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CompactTest {
  @Test
  void shouldReadBackEveryVarLongInTheFewestBytesForSmallValuesOfEitherSign() throws IOException {
    long[] values = {
      0, 1, -1, 63, -64, 64, -65, 8191, -8192, 1L << 40, -(1L << 40), Long.MAX_VALUE, Long.MIN_VALUE
    };
    for (long v : values) {
      byte[] bytes = bytes(out -> Compact.writeVarLong(out, v));
      assertThat(Compact.readVarLong(in(bytes))).as("%d", v).isEqualTo(v);
    }
    assertThat(bytes(out -> Compact.writeVarLong(out, 63))).hasSize(1);
    assertThat(bytes(out -> Compact.writeVarLong(out, -64))).hasSize(1);
    assertThat(bytes(out -> Compact.writeVarLong(out, 64))).hasSize(2);
    assertThat(bytes(out -> Compact.writeVarLong(out, Long.MIN_VALUE))).hasSize(10);
  }

  @Test
  void shouldReadBackShortTextAndFailLoudlyOnATruncatedOne() throws IOException {
    String s = "location|Séoul 서울";
    byte[] bytes = bytes(out -> Compact.writeShortText(out, s));
    assertThat(Compact.readShortText(in(bytes))).isEqualTo(s);
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 2);
    assertThatThrownBy(() -> Compact.readShortText(in(truncated))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Compact.readVarLong(in(new byte[] {(byte) 0x80, (byte) 0x80})))
        .isInstanceOf(IOException.class);
  }

  private interface Write {
    void to(DataOutputStream out) throws IOException;
  }

  private static byte[] bytes(Write w) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      w.to(out);
    }
    return b.toByteArray();
  }

  private static DataInputStream in(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }
}
