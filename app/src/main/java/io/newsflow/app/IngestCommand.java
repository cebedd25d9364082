package io.newsflow.app;

import io.newsflow.contracts.Article;
import io.newsflow.ingest.InputFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code newsflow ingest}: publish articles from files, directories or standard input. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes news pages, JSON Lines or stdin to news.articles.raw.",
      "Input: .txt news pages (the seeds/ format), JSON Lines (.jsonl/.ndjson/.json, one Article"
          + " per line) or standard input ('-').",
      "Bad input is reported with file and line and skipped; the rest is still sent.",
      "Exit code 0 when everything was sent, 1 when any input was invalid or any send failed."
    })
final class IngestCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Parameters(
      arity = "1..*",
      paramLabel = "INPUT",
      description = "Files, directories, or - for stdin.")
  List<String> inputs;

  @Option(
      names = "--format",
      description = "auto (by extension; stdin: jsonl), text or jsonl (default: ${DEFAULT-VALUE}).",
      defaultValue = "auto")
  String format;

  @Option(
      names = "--outlet",
      description = "Outlet of articles whose source names none (default: ${DEFAULT-VALUE}).",
      defaultValue = Article.UNKNOWN_OUTLET)
  String outlet;

  @Option(
      names = "--language",
      description = "Language of articles that state none, e.g. id or en.")
  String language;

  @Option(names = "--no-progress", description = "No periodic progress line on stderr.")
  boolean noProgress;

  @Override
  public Integer call() {
    InputFormat inputFormat = parseFormat(format);
    kafka.ensureTopics();
    Map<String, Object> overrides = new HashMap<>(kafka.settings().kafka());
    IngestRun.Result result =
        IngestRun.run(
            kafka.bootstrapServers,
            overrides,
            inputs,
            inputFormat,
            outlet,
            language,
            System.in,
            System.err,
            !noProgress);
    System.out.println(result.summary());
    return result.summary().failed() == 0 && result.summary().invalid() == 0 ? 0 : 1;
  }

  static InputFormat parseFormat(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "auto" -> InputFormat.AUTO;
      case "text", "txt" -> InputFormat.TEXT;
      case "jsonl", "json", "ndjson" -> InputFormat.JSONL;
      default ->
          throw new IllegalArgumentException(
              "unknown --format '" + value + "': expected auto, text or jsonl");
    };
  }
}
