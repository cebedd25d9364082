package io.newsflow.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Republication edits of graded strength, as newsrooms apply them to agency copy. {@code strength}
 * is the share of the original's words the edit touches (removed, added, replaced or moved).
 */
public enum Edit {
  /** A new headline: the body is unchanged. */
  HEADLINE,
  /** A byline, a dateline and a source line added. */
  BYLINE,
  /** "Baca juga:" related-article links inserted between paragraphs. */
  READ_ALSO,
  /** The ending cut off. */
  TRIM_ENDING,
  /** Sentences dropped from anywhere. */
  DROP_SENTENCES,
  /** Sentences of another story added (local context, background). */
  ADD_SENTENCES,
  /** Sentences moved to other positions. */
  REORDER,
  /** Typing errors: one character changed in a word. */
  TYPOS,
  /** Words replaced by other words (rewording, translation choices). */
  REWORD,
  /** All of the above at once, sharing the strength. */
  MIXED;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Applies the edit to {@code body}. {@code donor} supplies foreign sentences and words; {@code
   * random} makes it deterministic.
   */
  public String apply(String body, double strength, String donor, Random random) {
    List<String> sentences = sentences(body);
    int words = body.split("\\s+").length;
    int budget = Math.max(1, (int) Math.round(words * strength));
    switch (this) {
      case HEADLINE -> {
        return body;
      }
      case BYLINE -> {
        return "JAKARTA, NEWSFLOW.EXAMPLE - Editor: Redaksi | Sumber: Reuters\n" + body;
      }
      case READ_ALSO -> {
        List<String> out = new ArrayList<>(sentences);
        List<String> donorSentences = sentences(donor);
        int added = 0;
        while (added < budget && !donorSentences.isEmpty()) {
          String link =
              "Baca juga: "
                  + capped(
                      donorSentences.get(random.nextInt(donorSentences.size())), budget - added);
          out.add(random.nextInt(out.size() + 1), link);
          added += link.split("\\s+").length;
        }
        return String.join(" ", out);
      }
      case TRIM_ENDING -> {
        List<String> out = new ArrayList<>(sentences);
        int removed = 0;
        while (out.size() > 1 && removed + out.get(out.size() - 1).split("\\s+").length <= budget) {
          removed += out.remove(out.size() - 1).split("\\s+").length;
        }
        return String.join(" ", out);
      }
      case DROP_SENTENCES -> {
        List<String> out = new ArrayList<>(sentences);
        int removed = 0;
        while (out.size() > 1) {
          int i = random.nextInt(out.size());
          int n = out.get(i).split("\\s+").length;
          if (removed + n > budget) {
            break;
          }
          removed += n;
          out.remove(i);
        }
        return String.join(" ", out);
      }
      case ADD_SENTENCES -> {
        List<String> out = new ArrayList<>(sentences);
        List<String> donorSentences = sentences(donor);
        int added = 0;
        while (added < budget && !donorSentences.isEmpty()) {
          String s =
              capped(donorSentences.get(random.nextInt(donorSentences.size())), budget - added);
          out.add(random.nextInt(out.size() + 1), s);
          added += s.split("\\s+").length;
        }
        return String.join(" ", out);
      }
      case REORDER -> {
        List<String> out = new ArrayList<>(sentences);
        int moved = 0;
        while (moved < budget && out.size() > 1) {
          String s = out.remove(random.nextInt(out.size()));
          out.add(random.nextInt(out.size() + 1), s);
          moved += s.split("\\s+").length;
        }
        return String.join(" ", out);
      }
      case TYPOS -> {
        return replaceWords(body, budget, random, w -> typo(w, random));
      }
      case REWORD -> {
        String[] donorWords = donor.split("\\s+");
        return replaceWords(
            body, budget, random, w -> donorWords[random.nextInt(donorWords.length)]);
      }
      case MIXED -> {
        String out = body;
        Edit[] parts = {DROP_SENTENCES, ADD_SENTENCES, REORDER, TYPOS, REWORD};
        for (Edit e : parts) {
          out = e.apply(out, strength / parts.length, donor, random);
        }
        return BYLINE.apply(out, strength, donor, random);
      }
      default -> throw new IllegalStateException("unhandled edit " + this);
    }
  }

  private static String replaceWords(
      String body, int budget, Random random, java.util.function.UnaryOperator<String> change) {
    String[] words = body.split(" ");
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      positions.add(i);
    }
    Collections.shuffle(positions, random);
    for (int i = 0; i < Math.min(budget, positions.size()); i++) {
      int p = positions.get(i);
      words[p] = change.apply(words[p]);
    }
    return String.join(" ", words);
  }

  /**
   * At most {@code words} words of a sentence: a donor's run-on sentence must not blow the budget.
   */
  private static String capped(String sentence, int words) {
    String[] w = sentence.split("\\s+");
    return w.length <= words
        ? sentence
        : String.join(" ", java.util.Arrays.copyOf(w, Math.max(1, words)));
  }

  private static String typo(String word, Random random) {
    if (word.isEmpty()) {
      return word;
    }
    char[] chars = word.toCharArray();
    int i = random.nextInt(chars.length);
    chars[i] = (char) ('a' + random.nextInt(26));
    return new String(chars);
  }

  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : text.replace('\n', ' ').split("(?<=[.!?])\\s+")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out.isEmpty() ? List.of(text) : out;
  }
}
