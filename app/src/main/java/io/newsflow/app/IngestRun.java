package io.newsflow.app;

import io.newsflow.ingest.ArticlePublisher;
import io.newsflow.ingest.ArticleReader;
import io.newsflow.ingest.IngestSummary;
import io.newsflow.ingest.InputFormat;
import io.newsflow.ingest.ReadResult;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One ingest run: reads every input, publishes the valid articles, reports each bad input with its
 * file and line on {@code err}, and returns the summary and the ids sent.
 */
public final class IngestRun {
  /** Path that means standard input. */
  public static final String STDIN = "-";

  /**
   * @param sentIds ids of the articles handed to the producer (the summary says which were acked)
   */
  public record Result(IngestSummary summary, List<String> sentIds) {}

  private IngestRun() {}

  public static Result run(
      String bootstrap,
      Map<String, Object> producerOverrides,
      List<String> inputs,
      InputFormat format,
      String defaultOutlet,
      String defaultLanguage,
      InputStream stdin,
      PrintStream err,
      boolean progress) {
    ArticleReader reader = new ArticleReader(Clock.systemUTC(), defaultOutlet, defaultLanguage);
    List<String> ids = new ArrayList<>();
    try (ArticlePublisher publisher =
        new ArticlePublisher(
            bootstrap, producerOverrides, progress ? err : null, Duration.ofSeconds(2))) {
      java.util.function.Consumer<ReadResult> sink =
          result -> {
            if (result instanceof ReadResult.Ok ok) {
              ids.add(ok.article().id());
              publisher.publish(ok.article());
            } else {
              publisher.countInvalid();
              err.println("error: " + result);
            }
          };
      for (String input : inputs) {
        if (input.equals(STDIN)) {
          reader.read(stdin, "stdin", format, sink);
        } else {
          reader.read(Path.of(input), format, sink);
        }
      }
      return new Result(publisher.flush(), ids);
    }
  }
}
