package io.newsflow.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams application: installs the uncaught exception handler, starts, waits for
 * RUNNING, and closes cleanly.
 *
 * <p>A stream thread that dies of an exception the topology did not handle shuts the client down
 * (state ERROR) instead of being replaced: such an exception is a bug or a broken environment, and
 * retrying the same record in a loop would hide it. The launcher notices and exits non-zero.
 */
public final class StreamsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

  private final String name;
  private final KafkaStreams streams;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong restored = new AtomicLong();
  private final Properties props;

  public StreamsService(String name, Topology topology, Properties props) {
    this.name = name;
    this.props = (Properties) props.clone();
    LOG.info("{}: Kafka Streams settings {}", name, io.newsflow.app.Secrets.masked(props));
    this.streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("{}: stream thread died, shutting the application down", name, e);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.setStateListener(
        (now, before) -> {
          LOG.info("{}: {} -> {}", name, before, now);
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
          }
        });
    streams.setGlobalStateRestoreListener(new RestoreLog());
  }

  /** Starts and waits until RUNNING; throws if it fails or does not get there in time. */
  public StreamsService start(Duration timeout) {
    streams.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (!streams.state().isRunningOrRebalancing()) {
        throw new IllegalStateException(name + " failed to start: state " + streams.state());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " not RUNNING after " + timeout.toSeconds() + " s: state " + streams.state());
      }
      awaitStop(Duration.ofMillis(50));
    }
    return this;
  }

  /** True once the application stopped (closed, or shut down by an error). */
  public boolean awaitStop(Duration timeout) {
    try {
      return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /**
   * The application's name, state and this instance's active tasks, e.g. {@code enrich: RUNNING,
   * active tasks [0_0, 0_1, 1_0]}: what to print when the pipeline does not get somewhere in time.
   */
  public String describe() {
    List<String> tasks = new ArrayList<>();
    try {
      streams
          .metadataForLocalThreads()
          .forEach(t -> t.activeTasks().forEach(task -> tasks.add(task.taskId().toString())));
    } catch (RuntimeException e) {
      return name + ": " + streams.state() + " (tasks unknown: " + e + ")";
    }
    Collections.sort(tasks);
    return name + ": " + streams.state() + ", active tasks " + tasks;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The Streams settings the app was built with (a copy). */
  public Properties props() {
    return (Properties) props.clone();
  }

  public KafkaStreams streams() {
    return streams;
  }

  /**
   * Records this application restored into its local stores from changelog topics since it was
   * created: 0 after a clean stop (the stores' checkpoints say they are up to date), more after a
   * crash or a lost state directory.
   */
  public long restoredRecords() {
    return restored.get();
  }

  /**
   * Closes and leaves the consumer group, so that a restarted instance gets its partitions at once
   * instead of after the session timeout of the departed member.
   */
  @Override
  public void close() {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
  }

  /**
   * Logs (INFO) each store restored from its changelog and how many records it took, and adds them
   * up for {@link #restoredRecords()}. Kafka Streams calls it only for stores with a changelog.
   */
  private final class RestoreLog implements StateRestoreListener {
    @Override
    public void onRestoreStart(
        TopicPartition changelog, String store, long startingOffset, long endingOffset) {
      LOG.info(
          "{}: restoring store {} from {} (offsets {} to {})",
          name,
          store,
          changelog,
          startingOffset,
          endingOffset);
    }

    @Override
    public void onBatchRestored(
        TopicPartition changelog, String store, long batchEndOffset, long numRestored) {
      restored.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
      LOG.info(
          "{}: restored {} records into store {} from {}", name, totalRestored, store, changelog);
    }
  }
}
