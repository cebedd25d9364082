package io.newsflow.ingest.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.RawRecords;
import io.newsflow.ingest.ArticlePublisher;
import io.newsflow.ingest.IngestMetrics;
import io.newsflow.ingest.ReadResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a list of RSS/Atom feeds, each at its own interval, and publishes new items to {@link
 * ArticleTopics#RAW} exactly once, across restarts.
 *
 * <p>Each poll of a feed: a conditional GET with the feed's stored validators ({@link FeedFetcher},
 * with timeout and retries), parse ({@link FeedParser}), drop the items whose ids the feed's state
 * already holds, then <b>one Kafka transaction</b> holding the new articles and the feed's new
 * {@link FeedState} on {@link FeedTopics#STATE}. A crash before the commit publishes neither (the
 * transaction is aborted when the next poller with the same {@code transactional.id} starts), a
 * crash after it publishes both; at start the poller reads the committed state topic in full.
 * Enrich also drops a re-sent article (same id, same text) as a second line of defence.
 *
 * <p>A malformed feed, an HTTP error or a slow server affects that feed only: the poll ends with a
 * failed {@link Outcome}, logged, counted, reported to the listener and written to the feed's state
 * ({@code lastError}); the feed is polled again at its next interval. Producer errors Kafka calls
 * fatal (another poller with the same transactional id took over, authorisation) stop the poller:
 * see {@link #fatalError()}.
 *
 * <p>Meters: the {@link IngestMetrics} of each feed ({@code source=feed}, {@code feed=URL}), and
 * the timer {@value #POLLS} tagged {@code feed} and {@code outcome} (an {@link Outcome#status()}).
 */
public final class FeedPoller implements AutoCloseable {
  public static final String POLLS = "newsflow.ingest.feed.polls";

  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Poller settings; {@link #from(Map)} reads them from {@code newsflow.ingest.feeds.*} keys.
   *
   * @param transactionalId {@code transactional.id} of the producer; one running poller per id (a
   *     new one fences the old)
   * @param remember ids remembered per feed beyond the current items (the feed's own items are
   *     always remembered)
   * @param retry attempts per poll and backoff between them
   * @param maxFeedBytes the largest feed body accepted
   * @param threads feeds fetched at once
   * @param userAgent {@code User-Agent} of the requests
   */
  public record Options(
      String transactionalId,
      int remember,
      FeedFetcher.Retry retry,
      int maxFeedBytes,
      int threads,
      String userAgent) {
    public static final String PREFIX = "newsflow.ingest.feeds.";
    public static final String TRANSACTIONAL_ID = PREFIX + "transactional.id";
    public static final String REMEMBER = PREFIX + "remember";
    public static final String ATTEMPTS = PREFIX + "attempts";
    public static final String BACKOFF = PREFIX + "backoff";
    public static final String MAX_BACKOFF = PREFIX + "max.backoff";
    public static final String MAX_BYTES = PREFIX + "max.bytes";
    public static final String THREADS = PREFIX + "threads";

    public static final Options DEFAULT =
        new Options(
            "newsflow-ingest-feeds",
            1000,
            FeedFetcher.Retry.DEFAULT,
            10 * 1024 * 1024,
            4,
            "newsflow-feed-poller/1");

    public Options {
      if (remember < 1) {
        throw new IllegalArgumentException(REMEMBER + " must be at least 1, was " + remember);
      }
      if (maxFeedBytes < 1) {
        throw new IllegalArgumentException(MAX_BYTES + " must be positive, was " + maxFeedBytes);
      }
      if (threads < 1) {
        throw new IllegalArgumentException(THREADS + " must be at least 1, was " + threads);
      }
    }

    /** Reads the {@code newsflow.ingest.feeds.*} keys; missing keys take their defaults. */
    public static Options from(Map<String, ?> settings) {
      return new Options(
          string(settings, TRANSACTIONAL_ID, DEFAULT.transactionalId()),
          Integer.parseInt(string(settings, REMEMBER, Integer.toString(DEFAULT.remember()))),
          new FeedFetcher.Retry(
              Integer.parseInt(
                  string(settings, ATTEMPTS, Integer.toString(DEFAULT.retry().attempts()))),
              Duration.parse(
                  string(settings, BACKOFF, DEFAULT.retry().initialBackoff().toString())),
              Duration.parse(
                  string(settings, MAX_BACKOFF, DEFAULT.retry().maxBackoff().toString()))),
          Integer.parseInt(string(settings, MAX_BYTES, Integer.toString(DEFAULT.maxFeedBytes()))),
          Integer.parseInt(string(settings, THREADS, Integer.toString(DEFAULT.threads()))),
          DEFAULT.userAgent());
    }

    public Options withTransactionalId(String id) {
      return new Options(id, remember, retry, maxFeedBytes, threads, userAgent);
    }

    public Options withRetry(FeedFetcher.Retry newRetry) {
      return new Options(transactionalId, remember, newRetry, maxFeedBytes, threads, userAgent);
    }

    private static String string(Map<String, ?> settings, String key, String fallback) {
      Object value = settings.get(key);
      return value == null ? fallback : value.toString().trim();
    }
  }

  /**
   * How one poll of one feed ended.
   *
   * @param status {@code ok}, {@code not_modified}, or why it failed: {@code http_error}, {@code
   *     timeout}, {@code network}, {@code too_large} (see {@link FeedFetcher.Reason}), {@code
   *     malformed} (not RSS/Atom), {@code publish_failed} (Kafka refused the transaction), {@code
   *     stopped} (the poller had stopped)
   * @param published new articles committed to Kafka
   * @param skipped items already published by an earlier poll
   * @param invalid items that cannot be articles (see {@code problems})
   * @param message what went wrong, or the feed type on success
   * @param problems one entry per invalid item, naming the item and the field
   * @param attempts HTTP tries
   * @param took wall time of the poll
   */
  public record Outcome(
      FeedSpec feed,
      String status,
      int published,
      int skipped,
      int invalid,
      String message,
      List<ReadResult.Failed> problems,
      int attempts,
      Duration took) {
    public static final String OK = "ok";
    public static final String NOT_MODIFIED = "not_modified";
    public static final String MALFORMED = "malformed";
    public static final String PUBLISH_FAILED = "publish_failed";
    public static final String STOPPED = "stopped";

    public boolean failed() {
      return !status.equals(OK) && !status.equals(NOT_MODIFIED);
    }

    /** One line for a console. */
    @Override
    public String toString() {
      String head = "feed " + feed.key() + ": ";
      String tail =
          String.format(
              Locale.ROOT,
              " (%d attempt%s, %d ms)",
              attempts,
              attempts == 1 ? "" : "s",
              took.toMillis());
      if (status.equals(NOT_MODIFIED)) {
        return head + "not modified" + tail;
      }
      if (failed()) {
        return head + "FAILED " + status + ": " + message + tail;
      }
      return head
          + published
          + " new, "
          + skipped
          + " already published"
          + (invalid == 0 ? "" : ", " + invalid + " invalid")
          + (message == null ? "" : " [" + message + "]")
          + tail;
    }
  }

  private final List<FeedSpec> feeds;
  private final Producer<byte[], byte[]> producer;
  private final Supplier<Map<String, FeedState>> restore;
  private final FeedFetcher fetcher;
  private final FeedParser parser = new FeedParser();
  private final Options options;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Consumer<Outcome> listener;
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();
  private final Map<String, IngestMetrics> metrics = new LinkedHashMap<>();
  private final Map<String, ReentrantLock> feedLocks = new HashMap<>();
  private final Map<String, Timer> pollTimers = new ConcurrentHashMap<>();
  private final Object transactionLock = new Object();
  private final ScheduledExecutorService executor;
  private final CountDownLatch fatalLatch = new CountDownLatch(1);
  private volatile Throwable fatal;
  private boolean opened;
  private boolean closed;

  /**
   * A poller with a transactional producer and a state restore against {@code bootstrapServers}.
   *
   * @param clientOverrides Kafka client settings (security, tuning) for the producer and the state
   *     reader
   * @param listener told of each poll's outcome (from poller threads)
   */
  public static FeedPoller create(
      List<FeedSpec> feeds,
      String bootstrapServers,
      Map<String, Object> clientOverrides,
      Options options,
      MeterRegistry registry,
      Consumer<Outcome> listener) {
    Map<String, Object> restoreConfig = new HashMap<>(clientOverrides);
    restoreConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return new FeedPoller(
        feeds,
        new KafkaProducer<>(
            producerConfig(bootstrapServers, clientOverrides, options.transactionalId()),
            new ByteArraySerializer(),
            new ByteArraySerializer()),
        () -> FeedStateStore.restore(restoreConfig, RESTORE_TIMEOUT),
        new FeedFetcher(options.retry(), options.maxFeedBytes(), options.userAgent()),
        options,
        registry,
        Clock.systemUTC(),
        listener);
  }

  /** The producer configuration: {@link ArticlePublisher#config}, made transactional. */
  public static Map<String, Object> producerConfig(
      String bootstrapServers, Map<String, Object> overrides, String transactionalId) {
    Map<String, Object> config =
        new HashMap<>(ArticlePublisher.config(bootstrapServers, overrides));
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-feeds");
    return config;
  }

  /**
   * A poller over the given parts (for tests and embedding): {@code producer} must be configured
   * with a {@code transactional.id}; {@code restore} returns the committed feed states.
   */
  public FeedPoller(
      List<FeedSpec> feeds,
      Producer<byte[], byte[]> producer,
      Supplier<Map<String, FeedState>> restore,
      FeedFetcher fetcher,
      Options options,
      MeterRegistry registry,
      Clock clock,
      Consumer<Outcome> listener) {
    if (feeds.isEmpty()) {
      throw new IllegalArgumentException("no feeds to poll");
    }
    this.feeds = List.copyOf(feeds);
    this.producer = producer;
    this.restore = restore;
    this.fetcher = fetcher;
    this.options = options;
    this.registry = registry;
    this.clock = clock;
    this.listener = listener;
    for (FeedSpec feed : this.feeds) {
      metrics.put(feed.key(), IngestMetrics.feed(registry, feed.key()));
      feedLocks.put(feed.key(), new ReentrantLock());
    }
    AtomicInteger n = new AtomicInteger();
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            Math.min(options.threads(), this.feeds.size()),
            r -> {
              Thread t = new Thread(r, "feed-poller-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.setRemoveOnCancelPolicy(true);
    this.executor = pool;
  }

  public List<FeedSpec> feeds() {
    return feeds;
  }

  /**
   * Initialises the transactional producer (which aborts a transaction a crashed predecessor left
   * open) and then reads the committed feed states. Called by {@link #start} and {@link
   * #pollAllNow}; idempotent.
   */
  public synchronized void open() {
    if (opened) {
      return;
    }
    if (closed) {
      throw new IllegalStateException("poller is closed");
    }
    // First: until the old transaction is aborted, a read_committed reader stops at it.
    producer.initTransactions();
    states.putAll(restore.get());
    opened = true;
  }

  /** Schedules every feed at its interval: the first poll now, or after one interval. */
  public synchronized void start(boolean firstPollNow) {
    open();
    for (FeedSpec feed : feeds) {
      long interval = feed.interval().toMillis();
      executor.scheduleWithFixedDelay(
          () -> pollReporting(feed), firstPollNow ? 0 : interval, interval, TimeUnit.MILLISECONDS);
    }
  }

  /** Polls every feed once, several at a time, and returns when all are done. */
  public List<Outcome> pollAllNow() throws InterruptedException {
    open();
    List<Future<Outcome>> pending = new ArrayList<>();
    for (FeedSpec feed : feeds) {
      pending.add(executor.submit(() -> pollReporting(feed)));
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<Outcome> f : pending) {
      try {
        outcomes.add(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("feed poll failed unexpectedly", e.getCause());
      }
    }
    return outcomes;
  }

  /** The latest committed state of each feed known to this poller. */
  public Map<String, FeedState> states() {
    return Map.copyOf(states);
  }

  /** The error that stopped the poller, if one did. */
  public Optional<Throwable> fatalError() {
    return Optional.ofNullable(fatal);
  }

  /** Waits up to {@code timeout} for a fatal error; true when the poller stopped because of one. */
  public boolean awaitFatal(Duration timeout) throws InterruptedException {
    return fatalLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Outcome pollReporting(FeedSpec feed) {
    Outcome outcome;
    try {
      outcome = poll(feed);
    } catch (InterruptedException e) {
      // Shutting down: not a failure of the feed, nothing to report.
      Thread.currentThread().interrupt();
      return new Outcome(
          feed, Outcome.STOPPED, 0, 0, 0, "interrupted", List.of(), 0, Duration.ZERO);
    } catch (RuntimeException e) {
      // Never let an exception cancel the feed's schedule.
      LOG.error("feed {}: poll failed unexpectedly", feed.key(), e);
      outcome = outcome(feed, "error", 0, 0, 0, e.toString(), List.of(), 0, clock.instant());
    }
    if (outcome.failed()) {
      LOG.warn("{}", outcome);
    } else {
      LOG.info("{}", outcome);
    }
    try {
      listener.accept(outcome);
    } catch (RuntimeException e) {
      LOG.warn("feed outcome listener failed: {}", e.toString());
    }
    return outcome;
  }

  private Outcome poll(FeedSpec feed) throws InterruptedException {
    ReentrantLock lock = feedLocks.get(feed.key());
    lock.lockInterruptibly();
    try {
      return pollLocked(feed);
    } finally {
      lock.unlock();
    }
  }

  private Outcome pollLocked(FeedSpec feed) throws InterruptedException {
    Instant started = clock.instant();
    if (fatal != null) {
      return outcome(feed, Outcome.STOPPED, 0, 0, 0, fatal.toString(), List.of(), 0, started);
    }
    IngestMetrics meters = metrics.get(feed.key());
    FeedState state = states.getOrDefault(feed.key(), FeedState.initial(feed.key()));
    FeedFetcher.Result result =
        fetcher.fetch(feed.url(), feed.timeout(), state.etag(), state.lastModified());
    Instant now = clock.instant();
    if (result instanceof FeedFetcher.NotModified) {
      FeedState next = state.afterNotModified(now);
      String error = commit(List.of(), next);
      if (error != null) {
        return outcome(
            feed, Outcome.PUBLISH_FAILED, 0, 0, 0, error, List.of(), result.attempts(), started);
      }
      meters.succeeded(now);
      return outcome(
          feed, Outcome.NOT_MODIFIED, 0, 0, 0, null, List.of(), result.attempts(), started);
    }
    if (result instanceof FeedFetcher.Failed failed) {
      recordFailure(feed, state, failed.message(), now);
      return outcome(
          feed,
          failed.reason().tag(),
          0,
          0,
          0,
          failed.message(),
          List.of(),
          failed.attempts(),
          started);
    }
    FeedFetcher.Fetched fetched = (FeedFetcher.Fetched) result;
    FeedParser.Parsed parsed;
    try {
      parsed = parser.parse(fetched.body(), fetched.contentType(), feed, now);
    } catch (FeedParser.MalformedFeedException e) {
      recordFailure(feed, state, e.getMessage(), now);
      return outcome(
          feed, Outcome.MALFORMED, 0, 0, 0, e.getMessage(), List.of(), fetched.attempts(), started);
    }
    List<Article> fresh = new ArrayList<>();
    List<ReadResult.Failed> problems = new ArrayList<>();
    List<String> currentIds = new ArrayList<>();
    int skipped = 0;
    for (FeedParser.Item item : parsed.items()) {
      currentIds.add(item.id());
      if (state.published(item.id())) {
        skipped++;
      } else if (item.result() instanceof ReadResult.Ok ok) {
        fresh.add(ok.article());
      } else {
        problems.add((ReadResult.Failed) item.result());
      }
    }
    meters.fetched(parsed.items().size());
    meters.skipped(skipped);
    meters.failed(problems.size());
    problems.forEach(p -> LOG.warn("feed {}: invalid item: {}", feed.key(), p));
    FeedState next =
        state.afterFetch(
            fetched.etag(),
            fetched.lastModified(),
            currentIds,
            fresh.size(),
            options.remember(),
            now);
    String error = commit(fresh, next);
    if (error != null) {
      meters.failed(fresh.size());
      return outcome(
          feed,
          Outcome.PUBLISH_FAILED,
          0,
          skipped,
          problems.size(),
          error,
          problems,
          fetched.attempts(),
          started);
    }
    meters.published(fresh.size());
    meters.succeeded(now);
    return outcome(
        feed,
        Outcome.OK,
        fresh.size(),
        skipped,
        problems.size(),
        parsed.type(),
        problems,
        fetched.attempts(),
        started);
  }

  private void recordFailure(FeedSpec feed, FeedState state, String error, Instant now) {
    // The failure goes into the feed's state for whoever reads it; the validators and ids stay.
    String commitError = commit(List.of(), state.afterFailure(error, now));
    if (commitError != null) {
      LOG.warn(
          "feed {}: could not record the failure in {}: {}",
          feed.key(),
          FeedTopics.STATE.name(),
          commitError);
    }
  }

  /**
   * Publishes the articles and the state in one transaction. Returns null on commit, else what went
   * wrong; the in-memory state changes only on commit.
   */
  private String commit(List<Article> articles, FeedState next) {
    synchronized (transactionLock) {
      if (fatal != null) {
        return "poller stopped: " + fatal;
      }
      try {
        producer.beginTransaction();
        for (Article article : articles) {
          producer.send(RawRecords.serialized(article));
        }
        producer.send(
            new ProducerRecord<>(
                FeedTopics.STATE.name(),
                bytes(next.url()),
                FeedTopics.STATE.valueSerde().serializer().serialize(null, next)));
        producer.commitTransaction();
        states.put(next.url(), next);
        return null;
      } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
        stopFatally(e);
        return e.toString();
      } catch (KafkaException e) {
        LOG.warn("feed {}: transaction failed, aborting: {}", next.url(), e.toString());
        try {
          producer.abortTransaction();
        } catch (KafkaException abortFailed) {
          stopFatally(abortFailed);
        }
        return e.toString();
      }
    }
  }

  private void stopFatally(Throwable e) {
    if (fatal == null) {
      fatal = e;
      LOG.error(
          "feed poller stopped: the producer cannot go on ({}); another poller with"
              + " transactional.id {} may have taken over",
          e.toString(),
          options.transactionalId());
      executor.shutdown();
      fatalLatch.countDown();
    }
  }

  private Outcome outcome(
      FeedSpec feed,
      String status,
      int published,
      int skipped,
      int invalid,
      String message,
      List<ReadResult.Failed> problems,
      int attempts,
      Instant started) {
    Duration took = Duration.between(started, clock.instant());
    if (took.isNegative()) {
      took = Duration.ZERO;
    }
    pollTimers
        .computeIfAbsent(
            feed.key() + "\n" + status,
            k ->
                Timer.builder(POLLS)
                    .tags("feed", feed.key(), "outcome", status)
                    .description("feed polls, by feed and outcome")
                    .register(registry))
        .record(took);
    return new Outcome(
        feed, status, published, skipped, invalid, message, List.copyOf(problems), attempts, took);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Stops polling, waits briefly for polls in progress, closes the producer, removes meters. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("feed polls still running after 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (transactionLock) {
      producer.close(Duration.ofSeconds(10));
    }
    metrics.values().forEach(IngestMetrics::close);
    pollTimers.values().forEach(registry::remove);
  }
}
