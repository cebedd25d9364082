package io.newsflow.ingest.folder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.RawRecords;
import io.newsflow.ingest.ArticleReader;
import io.newsflow.ingest.IngestMetrics;
import io.newsflow.ingest.InputFormat;
import io.newsflow.ingest.ReadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests the files dropped into a directory, once each: scans the directory at an interval, takes
 * a file once it is complete (same size and modification time in two scans in a row), reads it like
 * {@code newsflow ingest} does (a {@code .txt} news page, or {@code .jsonl}/{@code .ndjson}/{@code
 * .json} JSON Lines), publishes its articles to {@link ArticleTopics#RAW} and waits for Kafka's
 * acknowledgements, then moves it:
 *
 * <ul>
 *   <li>to {@code done/} when every article was published;
 *   <li>to {@code failed/} when any part of it could not become an article (the valid articles are
 *       still published), with {@code NAME.error.txt} beside it listing each problem as {@code
 *       file:line: message};
 *   <li>nowhere when Kafka did not acknowledge: the file stays and is tried again at the next scan.
 * </ul>
 *
 * A name already taken in {@code done/} or {@code failed/} gets a time suffix. Hidden files
 * (leading dot) and directories are ignored, so a writer can create {@code .name.part} and rename
 * it when done. A crash after publishing but before the move re-ingests the file at the next start:
 * the articles keep their ids, and enrich drops the re-sent copies.
 *
 * <p>Meters: {@link IngestMetrics} with {@code source=folder}; {@value #FILES} (counter) tagged
 * {@code outcome} = {@code done}, {@code failed}, {@code retry}.
 */
public final class FolderWatcher implements AutoCloseable {
  public static final String FILES = "newsflow.ingest.folder.files";
  public static final String DONE = "done";
  public static final String FAILED = "failed";
  public static final String ERROR_SUFFIX = ".error.txt";

  private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

  /**
   * What became of one file.
   *
   * @param file where the file was found
   * @param movedTo where it is now ({@code done/...}, {@code failed/...}), or null when it stays
   * @param published articles acknowledged by Kafka
   * @param problems inputs that could not become articles, or why Kafka did not take them
   */
  public record FileOutcome(Path file, Path movedTo, int published, List<String> problems) {
    public String status() {
      if (movedTo == null) {
        return "retry";
      }
      return movedTo.getParent().getFileName().toString();
    }

    @Override
    public String toString() {
      return "watch "
          + file
          + ": "
          + published
          + " published"
          + (problems.isEmpty() ? "" : ", " + problems.size() + " problem(s)")
          + (movedTo == null ? ", will retry" : " -> " + movedTo);
    }
  }

  private record Snapshot(long size, FileTime modified) {}

  private final Path dir;
  private final Path done;
  private final Path failed;
  private final Duration interval;
  private final ArticleReader reader;
  private final Producer<String, Article> producer;
  private final Duration ackTimeout;
  private final Clock clock;
  private final Consumer<FileOutcome> listener;
  private final IngestMetrics metrics;
  private final Map<String, Counter> fileCounters = new HashMap<>();
  private final MeterRegistry registry;
  private final ScheduledExecutorService scheduler;
  private final Map<Path, Snapshot> lastScan = new HashMap<>();

  /**
   * @param dir the watched directory (created when missing, with {@code done/} and {@code failed/})
   * @param interval time between scans; a file is taken at the earliest one interval after it
   *     stopped changing
   * @param reader reads the files (its default outlet and language apply)
   * @param producer a producer for {@link ArticleTopics#RAW}, closed by the caller
   * @param ackTimeout how long to wait for Kafka's acknowledgements of one file
   * @param listener told what became of each file (from the watcher's thread)
   */
  public FolderWatcher(
      Path dir,
      Duration interval,
      ArticleReader reader,
      Producer<String, Article> producer,
      Duration ackTimeout,
      MeterRegistry registry,
      Clock clock,
      Consumer<FileOutcome> listener) {
    this.dir = dir.toAbsolutePath().normalize();
    this.done = this.dir.resolve(DONE);
    this.failed = this.dir.resolve(FAILED);
    this.interval = interval;
    this.reader = reader;
    this.producer = producer;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
    this.listener = listener;
    this.registry = registry;
    try {
      Files.createDirectories(done);
      Files.createDirectories(failed);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot use " + this.dir + " as a watched folder: " + e.getMessage(), e);
    }
    this.metrics = IngestMetrics.of(registry, IngestMetrics.Source.FOLDER);
    for (String outcome : List.of(DONE, FAILED, "retry")) {
      fileCounters.put(
          outcome,
          Counter.builder(FILES)
              .tag("outcome", outcome)
              .description("files of the watched folder, by outcome")
              .register(registry));
    }
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "folder-watcher");
              t.setDaemon(true);
              return t;
            });
  }

  public Path dir() {
    return dir;
  }

  /** Scans every interval, starting now. */
  public void start() {
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            scanNow();
          } catch (RuntimeException e) {
            // Never let an exception cancel the schedule.
            LOG.error("watch {}: scan failed", dir, e);
          }
        },
        0,
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * One scan: ingests the files that did not change since the previous scan and returns what became
   * of them. Not to be called while {@link #start()}ed scans run.
   */
  public synchronized List<FileOutcome> scanNow() {
    Map<Path, Snapshot> current = new HashMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.sorted().toList()) {
        if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".")) {
          current.put(file, new Snapshot(Files.size(file), Files.getLastModifiedTime(file)));
        }
      }
    } catch (IOException e) {
      LOG.warn("watch {}: cannot list the directory: {}", dir, e.toString());
      return List.of();
    }
    List<FileOutcome> outcomes = new ArrayList<>();
    for (Path file : current.keySet().stream().sorted().toList()) {
      if (current.get(file).equals(lastScan.get(file))) {
        FileOutcome outcome = ingest(file);
        outcomes.add(outcome);
        if (outcome.movedTo() != null) {
          current.remove(file);
        }
        report(outcome);
      }
    }
    lastScan.clear();
    lastScan.putAll(current);
    return outcomes;
  }

  private FileOutcome ingest(Path file) {
    List<Article> articles = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    reader.read(
        file,
        InputFormat.AUTO,
        result -> {
          if (result instanceof ReadResult.Ok ok) {
            articles.add(ok.article());
          } else {
            problems.add(result.toString());
          }
        });
    if (articles.isEmpty() && problems.isEmpty()) {
      problems.add(file + ": holds no articles");
    }
    metrics.fetched(articles.size() + problems.size());
    metrics.failed(problems.size());
    List<String> notSent = send(articles);
    int published = articles.size() - notSent.size();
    metrics.published(published);
    if (!notSent.isEmpty()) {
      // Kafka is unavailable: keep the file where it is and try the whole file again later.
      metrics.failed(notSent.size());
      fileCounters.get("retry").increment();
      List<String> all = new ArrayList<>(problems);
      all.addAll(notSent);
      return new FileOutcome(file, null, published, all);
    }
    try {
      Path target;
      if (problems.isEmpty()) {
        target = move(file, done);
        metrics.succeeded(clock.instant());
        fileCounters.get(DONE).increment();
      } else {
        target = move(file, failed);
        Files.writeString(
            target.resolveSibling(target.getFileName() + ERROR_SUFFIX),
            String.join("\n", problems) + "\n",
            StandardCharsets.UTF_8);
        fileCounters.get(FAILED).increment();
      }
      return new FileOutcome(file, target, published, problems);
    } catch (IOException e) {
      LOG.error(
          "watch {}: published {} articles but cannot move the file: {}",
          file,
          published,
          e.toString());
      fileCounters.get("retry").increment();
      List<String> all = new ArrayList<>(problems);
      all.add(file + ": cannot move: " + e.getMessage());
      return new FileOutcome(file, null, published, all);
    }
  }

  /** Sends and waits for the acknowledgements; returns a message per article not acknowledged. */
  private List<String> send(List<Article> articles) {
    List<Future<RecordMetadata>> pending = new ArrayList<>();
    List<String> notSent = new ArrayList<>();
    for (Article article : articles) {
      try {
        pending.add(producer.send(RawRecords.of(article)));
      } catch (KafkaException e) {
        notSent.add(article.source() + ": not sent: " + e);
      }
    }
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    for (int i = 0; i < pending.size(); i++) {
      try {
        pending.get(i).get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        notSent.add(articles.get(i).source() + ": not acknowledged: " + e.getCause());
      } catch (TimeoutException e) {
        notSent.add(articles.get(i).source() + ": no acknowledgement within " + ackTimeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        notSent.add(articles.get(i).source() + ": interrupted");
      }
    }
    return notSent;
  }

  private Path move(Path file, Path toDir) throws IOException {
    String name = file.getFileName().toString();
    Path target = toDir.resolve(name);
    if (Files.exists(target)) {
      target = toDir.resolve(suffixed(name, "-" + clock.millis()));
    }
    try {
      return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      return Files.move(file, target);
    } catch (FileAlreadyExistsException e) {
      return Files.move(file, toDir.resolve(suffixed(name, "-" + System.nanoTime())));
    }
  }

  private static String suffixed(String name, String suffix) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? name + suffix : name.substring(0, dot) + suffix + name.substring(dot);
  }

  private void report(FileOutcome outcome) {
    if (outcome.problems().isEmpty()) {
      LOG.info("{}", outcome);
    } else {
      LOG.warn("{}: {}", outcome, String.join("; ", outcome.problems()));
    }
    try {
      listener.accept(outcome);
    } catch (RuntimeException e) {
      LOG.warn("watch outcome listener failed: {}", e.toString());
    }
  }

  /** Stops scanning (a file in progress is finished first) and removes the meters. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(ackTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    metrics.close();
    fileCounters.values().forEach(registry::remove);
  }
}
