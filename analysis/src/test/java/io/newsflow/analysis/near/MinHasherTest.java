package io.newsflow.analysis.near;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinHasherTest {

  /** The first form of the signature, kept as the definition: signatures are stored in state. */
  private static int[] reference(String text, int shingleSize, int permutations) {
    long[] seeds = new long[permutations];
    SplittableRandom random = new SplittableRandom(0x6E657773666C6F77L);
    for (int i = 0; i < permutations; i++) {
      seeds[i] = random.nextLong();
    }
    String normalised = Text.normalize(text);
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= normalised.length(); i++) {
      boolean wordChar = i < normalised.length() && Character.isLetterOrDigit(normalised.charAt(i));
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        words.add(normalised.substring(start, i));
        start = -1;
      }
    }
    long[] shingles = new long[0];
    if (!words.isEmpty()) {
      int n = Math.max(1, words.size() - shingleSize + 1);
      shingles = new long[n];
      for (int i = 0; i < n; i++) {
        long h = 0xcbf29ce484222325L;
        for (int w = i; w < Math.min(i + shingleSize, words.size()); w++) {
          for (char c : words.get(w).toCharArray()) {
            h ^= c;
            h *= 0x100000001b3L;
          }
          h ^= ' ';
          h *= 0x100000001b3L;
        }
        shingles[i] = h;
      }
    }
    long[] mins = new long[permutations];
    Arrays.fill(mins, Long.MAX_VALUE);
    for (long shingle : shingles) {
      for (int i = 0; i < permutations; i++) {
        long h = MinHasher.mix(shingle ^ seeds[i]);
        if (h < mins[i]) {
          mins[i] = h;
        }
      }
    }
    int[] signature = new int[permutations];
    for (int i = 0; i < permutations; i++) {
      signature[i] = (int) (mins[i] >>> 32);
    }
    return signature;
  }

  @Test
  void shouldGiveTheDefinedSignatureWhenSlotsAndShinglesVary() {
    Random random = new Random(3);
    String alphabet = "aZ9 \u00E9\u00DF\u0130-\u2019.,\n\u00A0\u4E2D\u0660x";
    List<String> texts = new ArrayList<>(List.of("", " ", "satu", "Satu dua", "a b c d e f g"));
    for (int t = 0; t < 300; t++) {
      StringBuilder sb = new StringBuilder();
      for (int i = random.nextInt(200); i > 0; i--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(sb.toString());
    }
    for (int permutations : new int[] {1, 3, 4, 7, 9, 128}) {
      for (int shingleSize : new int[] {1, 2, 3, 5}) {
        MinHasher hasher = new MinHasher(shingleSize, permutations);
        for (String text : texts) {
          assertThat(hasher.signature(text))
              .as("%d slots, %d-word shingles: %s", permutations, shingleSize, text)
              .isEqualTo(reference(text, shingleSize, permutations));
        }
      }
    }
  }

  @Test
  void shouldSplitWordsOnLettersAndDigitsWhenTextIsNormalised() {
    assertThat(MinHasher.words("Kata\u2019nya: HARGA-naik 5,5%  \u00E9t\u00E9"))
        .containsExactly("kata", "nya", "harga", "naik", "5", "5", "été");
  }
}
