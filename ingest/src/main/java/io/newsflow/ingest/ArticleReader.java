package io.newsflow.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads articles from files, directories and standard input, and reports each article or error to a
 * callback as it goes, so a bad line or file never stops the valid ones around it.
 */
public final class ArticleReader {
  private static final ObjectReader ARTICLE_JSON = Json.strictMapper().readerFor(Article.class);

  private final NewsPageParser pageParser = new NewsPageParser();
  private final Clock clock;
  private final String defaultOutlet;
  private final String defaultLanguage;

  /**
   * @param clock stamps {@code ingestedAt}
   * @param defaultOutlet outlet of articles whose source does not name one
   * @param defaultLanguage language of articles whose source does not state one (may be null)
   */
  public ArticleReader(Clock clock, String defaultOutlet, String defaultLanguage) {
    this.clock = clock;
    this.defaultOutlet = defaultOutlet;
    this.defaultLanguage = defaultLanguage;
  }

  /**
   * Reads a file, or every regular non-hidden file under a directory in name order. {@code format}
   * AUTO picks the format from each file's extension; an unknown extension is an error for that
   * file only.
   */
  public void read(Path path, InputFormat format, Consumer<ReadResult> out) {
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files =
            walk.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted()
                .toList();
      } catch (IOException e) {
        out.accept(
            new ReadResult.Failed(path.toString(), "cannot list directory: " + e.getMessage()));
        return;
      }
      if (files.isEmpty()) {
        out.accept(new ReadResult.Failed(path.toString(), "directory holds no files"));
      }
      files.forEach(f -> readFile(f, format, out));
    } else if (Files.isRegularFile(path)) {
      readFile(path, format, out);
    } else {
      out.accept(new ReadResult.Failed(path.toString(), "no such file or directory"));
    }
  }

  /** Reads a stream (standard input) in the given format; AUTO means JSON Lines. */
  public void read(InputStream in, String name, InputFormat format, Consumer<ReadResult> out) {
    try (InputStream stream = new BufferedInputStream(in)) {
      if (format == InputFormat.TEXT) {
        readPage(stream, name, out);
      } else {
        readJsonLines(stream, name, out);
      }
    } catch (IOException e) {
      out.accept(new ReadResult.Failed(name, describe(e)));
    }
  }

  private void readFile(Path file, InputFormat requested, Consumer<ReadResult> out) {
    InputFormat format = requested == InputFormat.AUTO ? InputFormat.ofFile(file) : requested;
    if (format == null) {
      out.accept(
          new ReadResult.Failed(
              file.toString(),
              "unknown format: expected a .txt news page or .jsonl/.ndjson/.json JSON Lines file"
                  + " (or pass --format)"));
      return;
    }
    try (InputStream stream = new BufferedInputStream(Files.newInputStream(file))) {
      if (format == InputFormat.TEXT) {
        readPage(stream, file.toString(), out);
      } else {
        readJsonLines(stream, file.toString(), out);
      }
    } catch (IOException e) {
      out.accept(new ReadResult.Failed(file.toString(), describe(e)));
    }
  }

  private void readPage(InputStream in, String name, Consumer<ReadResult> out) throws IOException {
    byte[] bytes = in.readNBytes(Article.MAX_BYTES + 1);
    if (bytes.length > Article.MAX_BYTES) {
      out.accept(
          new ReadResult.Failed(
              name,
              "larger than "
                  + Article.MAX_BYTES
                  + " bytes, the limit of one article: split it or trim it"));
      return;
    }
    String text;
    try {
      text = decode(bytes, 0, bytes.length);
    } catch (CharacterCodingException e) {
      out.accept(new ReadResult.Failed(name, describe(e)));
      return;
    }
    if (text.indexOf('\0') >= 0) {
      out.accept(new ReadResult.Failed(name, "not a text file (holds NUL bytes)"));
      return;
    }
    Article parsed = pageParser.parse(text, name, defaultOutlet);
    if (parsed == null) {
      out.accept(
          new ReadResult.Failed(name, "no article text found (file is empty or boilerplate only)"));
      return;
    }
    emit(parsed, name, out);
  }

  /**
   * One article per line. Each line is decoded on its own, so a line that is not UTF-8, or longer
   * than an article may be ({@link Article#MAX_BYTES}; it is skipped without being held in memory),
   * is reported with its number and the lines after it are still read.
   */
  private void readJsonLines(InputStream in, String name, Consumer<ReadResult> out)
      throws IOException {
    LineBuffer line = new LineBuffer(Article.MAX_BYTES);
    int lineNo = 0;
    boolean first = true;
    while (line.next(in)) {
      lineNo++;
      String location = name + ":" + lineNo;
      if (line.overflow() > 0) {
        out.accept(
            new ReadResult.Failed(
                location,
                "line is "
                    + line.overflow()
                    + " bytes, over the limit of one article ("
                    + Article.MAX_BYTES
                    + " bytes)"));
        first = false;
        continue;
      }
      int from = first && line.startsWithBom() ? 3 : 0;
      first = false;
      String text;
      try {
        text = decode(line.bytes(), from, line.length() - from);
      } catch (CharacterCodingException e) {
        out.accept(new ReadResult.Failed(location, describe(e)));
        continue;
      }
      if (text.isBlank()) {
        continue;
      }
      Article article;
      try {
        article = ARTICLE_JSON.readValue(text);
      } catch (JsonProcessingException e) {
        out.accept(new ReadResult.Failed(location, "malformed JSON: " + Json.describe(e)));
        continue;
      }
      if (article == null) {
        out.accept(new ReadResult.Failed(location, "expected a JSON object, found null"));
        continue;
      }
      emit(article.source() == null ? article.withSource(location) : article, location, out);
    }
  }

  private void emit(Article article, String location, Consumer<ReadResult> out) {
    Article withLanguage =
        article.language() == null && defaultLanguage != null
            ? article.withLanguage(defaultLanguage)
            : article;
    Instant now = clock.instant();
    Article complete = withLanguage.withDefaults(now);
    List<String> problems = complete.problems(now);
    if (problems.isEmpty()) {
      out.accept(new ReadResult.Ok(complete));
    } else {
      out.accept(new ReadResult.Failed(location, String.join("; ", problems)));
    }
  }

  /** Strict UTF-8: bytes that are not UTF-8 are reported, not turned into U+FFFD. */
  private static String decode(byte[] bytes, int from, int length) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, from, length))
        .toString();
  }

  /**
   * The bytes of one line at a time (without {@code \n} or {@code \r\n}), holding at most {@code
   * max}; the length of a longer line is counted in {@link #overflow()} while it is skipped.
   */
  private static final class LineBuffer {
    private final int max;
    private byte[] buf = new byte[8192];
    private int length;
    private long overflow;

    LineBuffer(int max) {
      this.max = max;
    }

    /** Reads the next line; false at the end of the input. */
    boolean next(InputStream in) throws IOException {
      length = 0;
      overflow = 0;
      long total = 0;
      int b;
      boolean any = false;
      while ((b = in.read()) >= 0) {
        any = true;
        if (b == '\n') {
          break;
        }
        total++;
        if (total > max) {
          overflow = total;
          continue;
        }
        if (length == buf.length) {
          buf = Arrays.copyOf(buf, Math.min(buf.length * 2, max));
        }
        buf[length++] = (byte) b;
      }
      if (overflow > 0) {
        overflow = total;
      }
      if (length > 0 && buf[length - 1] == '\r' && overflow == 0) {
        length--;
      }
      return any;
    }

    long overflow() {
      return overflow;
    }

    byte[] bytes() {
      return buf;
    }

    int length() {
      return length;
    }

    boolean startsWithBom() {
      return length >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF;
    }
  }

  private static String describe(IOException e) {
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text (" + e.getClass().getSimpleName() + "): save it as UTF-8";
    }
    return "cannot read: " + e.getMessage();
  }
}
