package io.newsflow.analysis.entity;

import io.newsflow.analysis.entity.NerText.Tok;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CoNLL-format name-finder data: one token per line, the token first and the tag last
 * (columns separated by spaces or tabs), a blank line between sentences, {@code -DOCSTART-} lines
 * between documents. Tags are IOB1 or IOB2; types PER/PERSON, ORG/ORGANISATION/ORGANIZATION and
 * LOC/PLACE/LOCATION are read as PER, ORG and LOC, any other type is kept as written (MISC).
 */
public final class NerCorpus {
  private NerCorpus() {}

  /**
   * One document: its text (tokens joined by spaces, sentences by line breaks), its tokens with
   * offsets in that text, and the IOB2 tag of each token.
   */
  public record Doc(String text, List<Tok> tokens, String[] tags) {}

  /**
   * The documents of {@code file}: {@code -DOCSTART-} documents, or each sentence alone when the
   * file has no document marks. A line without a tag column fails with the file and line number.
   */
  public static List<Doc> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    boolean documents = lines.stream().anyMatch(l -> l.startsWith("-DOCSTART-"));
    List<Doc> docs = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    List<Tok> tokens = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    boolean sentenceStart = true;
    String prevType = null;
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      String line = raw.strip();
      boolean docStart = line.startsWith("-DOCSTART-");
      if (docStart || line.isEmpty()) {
        sentenceStart = true;
        prevType = null;
        if ((docStart || !documents) && !tokens.isEmpty()) {
          docs.add(new Doc(text.toString(), tokens, tags.toArray(String[]::new)));
          text = new StringBuilder();
          tokens = new ArrayList<>();
          tags = new ArrayList<>();
        }
        continue;
      }
      String[] cols = line.split("\\s+");
      if (cols.length < 2) {
        throw new IOException(file + ":" + lineNo + ": expected a token and a tag: " + raw);
      }
      String token = cols[0];
      String tag = cols[cols.length - 1];
      if (text.length() > 0) {
        text.append(sentenceStart ? '\n' : ' ');
      }
      int start = text.length();
      text.append(token);
      tokens.add(new Tok(token, start, text.length(), sentenceStart));
      sentenceStart = false;
      String iob2;
      if (tag.equals("O") || tag.length() < 3 || tag.charAt(1) != '-') {
        iob2 = "O";
        prevType = null;
      } else {
        String type = type(tag.substring(2));
        boolean begins = tag.startsWith("B-") || !type.equals(prevType);
        iob2 = (begins ? "B-" : "I-") + type;
        prevType = type;
      }
      tags.add(iob2);
    }
    if (!tokens.isEmpty()) {
      docs.add(new Doc(text.toString(), tokens, tags.toArray(String[]::new)));
    }
    return docs;
  }

  /** PER, ORG, LOC for the spellings of the usual sets; other types as written. */
  public static String type(String raw) {
    return switch (raw) {
      case "PER", "PERSON", "PPL" -> "PER";
      case "ORG", "ORGANISATION", "ORGANIZATION", "IND" -> "ORG";
      case "LOC", "PLACE", "LOCATION", "PLC" -> "LOC";
      default -> raw;
    };
  }
}
