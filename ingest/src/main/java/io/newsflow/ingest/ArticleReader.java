package io.newsflow.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.newsflow.common.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads articles from files, directories and standard input, and reports each article or error to a
 * callback as it goes, so a bad line or file never stops the valid ones around it.
 */
public final class ArticleReader {
  private static final ObjectReader ARTICLE_JSON = Json.mapper().readerFor(Article.class);

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
    try (BufferedReader reader = strictUtf8(in)) {
      if (format == InputFormat.TEXT) {
        readPage(slurp(reader), name, out);
      } else {
        readJsonLines(reader, name, out);
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
    try (BufferedReader reader = strictUtf8(Files.newInputStream(file))) {
      if (format == InputFormat.TEXT) {
        readPage(slurp(reader), file.toString(), out);
      } else {
        readJsonLines(reader, file.toString(), out);
      }
    } catch (IOException e) {
      out.accept(new ReadResult.Failed(file.toString(), describe(e)));
    }
  }

  private void readPage(String text, String name, Consumer<ReadResult> out) {
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

  private void readJsonLines(BufferedReader reader, String name, Consumer<ReadResult> out)
      throws IOException {
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String location = name + ":" + lineNo;
      Article article;
      try {
        article = ARTICLE_JSON.readValue(line);
      } catch (JsonProcessingException e) {
        out.accept(new ReadResult.Failed(location, "malformed JSON: " + e.getOriginalMessage()));
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
    Article complete = withLanguage.withDefaults(clock.instant());
    List<String> problems = complete.problems();
    if (problems.isEmpty()) {
      out.accept(new ReadResult.Ok(complete));
    } else {
      out.accept(new ReadResult.Failed(location, String.join("; ", problems)));
    }
  }

  private static BufferedReader strictUtf8(InputStream in) {
    // Report bytes that are not UTF-8 instead of silently turning them into U+FFFD.
    Reader decoder =
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    return new BomSkippingReader(decoder);
  }

  /** Drops a UTF-8 byte-order mark at the very start, which some editors write. */
  private static final class BomSkippingReader extends BufferedReader {
    private boolean atStart = true;

    BomSkippingReader(Reader in) {
      super(in);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      skipBom();
      return super.read(buf, off, len);
    }

    @Override
    public String readLine() throws IOException {
      skipBom();
      return super.readLine();
    }

    private void skipBom() throws IOException {
      if (atStart) {
        atStart = false;
        mark(1);
        if (super.read() != '\uFEFF') {
          reset();
        }
      }
    }
  }

  private static String slurp(BufferedReader reader) throws IOException {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[8192];
    int n;
    while ((n = reader.read(buf)) >= 0) {
      sb.append(buf, 0, n);
    }
    return sb.toString();
  }

  private static String describe(IOException e) {
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text (" + e.getClass().getSimpleName() + ")";
    }
    return "cannot read: " + e.getMessage();
  }
}
