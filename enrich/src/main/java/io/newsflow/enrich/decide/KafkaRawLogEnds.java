package io.newsflow.enrich.decide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RawLogEnds} against the cluster: a background thread with its own consumer (no group,
 * {@code read_committed}) looks up the end offsets of the raw topic every {@value #EVERY_MS} ms.
 * When a partition ends a few offsets after what the decide step has received, it reads them: a
 * transactional producer's commit markers take offsets but hold no records, and must not look like
 * records still to come.
 *
 * <p>A look-up that fails (a broker down, a partition without a leader) keeps the previous one: an
 * older observation only delays decisions.
 */
public final class KafkaRawLogEnds implements RawLogEnds {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaRawLogEnds.class);
  static final long EVERY_MS = 100;

  /** Read at most this many offsets past the delivered point to tell markers from records. */
  static final long PEEK_MAX = 64;

  /** The longest {@link #read} waits for the raw records. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final String topic;
  private final long graceMs;
  private long availableSince = -1;
  private final Map<String, Object> consumerProps;
  private final Map<Integer, Long> delivered = new ConcurrentHashMap<>();
  private volatile Observation latest;
  private volatile boolean running;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;
  private int users;

  /**
   * @param topic the raw topic
   * @param streamsProps the Streams app's properties: its bootstrap servers, security settings and
   *     {@code consumer.}-prefixed overrides are used; the consumer joins no group
   * @param grace the reorder grace ({@code newsflow.enrich.order.grace})
   */
  public KafkaRawLogEnds(String topic, Properties streamsProps, Duration grace) {
    this.topic = topic;
    this.graceMs = grace.toMillis();
    Map<String, Object> props = new HashMap<>();
    var names = ConsumerConfig.configNames();
    streamsProps.forEach(
        (k, v) -> {
          String key = k.toString();
          if (key.startsWith(StreamsConfig.CONSUMER_PREFIX)) {
            key = key.substring(StreamsConfig.CONSUMER_PREFIX.length());
          }
          if (names.contains(key)) {
            props.put(key, v);
          }
        });
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        streamsProps.getProperty(StreamsConfig.APPLICATION_ID_CONFIG, "newsflow")
            + "-raw-log-ends");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    this.consumerProps = props;
  }

  @Override
  public synchronized void start() {
    users++;
    if (thread != null) {
      return;
    }
    consumer =
        new KafkaConsumer<>(
            consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    running = true;
    thread = new Thread(this::run, "newsflow-raw-log-ends");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void delivered(int partition, long nextOffset) {
    delivered.merge(partition, nextOffset, Math::max);
  }

  @Override
  public Observation latest() {
    return latest;
  }

  @Override
  public synchronized void close() {
    if (--users > 0 || thread == null) {
      return;
    }
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
  }

  /**
   * Reads with a consumer of its own (the look-up thread's stays as it is), as the look-ups do: no
   * group, read_committed. Waits at most {@link #READ_TIMEOUT} for the records.
   */
  @Override
  public List<RawRecord> read(int partition, long from, long to) {
    List<RawRecord> out = new ArrayList<>();
    if (from >= to) {
      return out;
    }
    Map<String, Object> props = new HashMap<>(consumerProps);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    props.put(
        ConsumerConfig.CLIENT_ID_CONFIG, props.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-read");
    TopicPartition tp = new TopicPartition(topic, partition);
    long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
    long until = to;
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      // The partition may be gone (the topic recreated with fewer) or end before `to` (recreated,
      // or truncated by an unclean leader election): what is not there is lost, and waiting for it
      // would only keep the decide task from starting.
      List<PartitionInfo> infos = c.partitionsFor(topic, READ_TIMEOUT);
      if (infos == null || infos.stream().noneMatch(i -> i.partition() == partition)) {
        LOG.warn(
            "{} is gone: the records from {} to {} that the decide step was to read again are"
                + " lost",
            tp,
            from,
            to);
        return out;
      }
      c.assign(List.of(tp));
      long end = c.endOffsets(List.of(tp), READ_TIMEOUT).getOrDefault(tp, to);
      if (end < to) {
        LOG.warn(
            "{} ends at {}, before {} where the decide step had received it (the topic recreated or"
                + " truncated?): articles that waited from {} on are lost",
            tp,
            end,
            to,
            Math.max(from, end));
        until = end;
      }
      c.seek(tp, from);
      while (c.position(tp, READ_TIMEOUT) < until) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "reading "
                  + tp
                  + " again from "
                  + from
                  + " to "
                  + to
                  + " took over "
                  + READ_TIMEOUT
                  + "; read "
                  + out.size());
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.offset() >= from && r.offset() < to) {
            out.add(new RawRecord(partition, r.offset(), r.timestamp(), r.value()));
          }
        }
      }
    } catch (KafkaException e) {
      throw new IllegalStateException("reading " + tp + " again from " + from + " failed", e);
    }
    // the first offset asked for is an article's that waited (a record, not a marker)
    if (from < until && (out.isEmpty() || out.get(0).offset() > from)) {
      LOG.warn(
          "{}: the records from {} to {} are gone (retention?) before the decide step read them"
              + " again; articles among them that waited to be decided are lost",
          tp,
          from,
          out.isEmpty() ? to : out.get(0).offset());
    }
    return out;
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> c = consumer) {
      while (running) {
        try {
          lookUp(c);
        } catch (WakeupException e) {
          break;
        } catch (RuntimeException e) {
          availableSince = -1;
          LOG.warn("looking up the ends of {} failed (decisions wait): {}", topic, e.toString());
        }
        try {
          Thread.sleep(EVERY_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("raw log look-ups stopped: {}", e.toString());
    }
  }

  private void lookUp(KafkaConsumer<byte[], byte[]> c) {
    long t = System.currentTimeMillis();
    List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
    if (infos == null || infos.isEmpty()) {
      availableSince = -1;
      return;
    }
    if (infos.stream().anyMatch(i -> i.leader() == null || i.leader().isEmpty())) {
      availableSince = -1;
      return;
    }
    List<TopicPartition> partitions =
        infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    if (!c.assignment().containsAll(partitions)) {
      // All assigned once and paused: a peek resumes one partition at a time.
      c.assign(partitions);
      c.pause(partitions);
    }
    Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(5));
    Map<Integer, Long> ends = new HashMap<>();
    for (TopicPartition tp : partitions) {
      long e = end.getOrDefault(tp, Long.MAX_VALUE);
      long n = delivered.getOrDefault(tp.partition(), 0L);
      if (n < e && e - n <= PEEK_MAX && onlyMarkers(c, tp, n, e)) {
        e = n;
      }
      ends.put(tp.partition(), e);
    }
    if (availableSince < 0) {
      availableSince = t;
    }
    if (t - availableSince >= graceMs) {
      latest = new Observation(t, partitions.size(), Map.copyOf(ends));
    }
  }

  /** True when no record sits in [{@code from}, {@code end}) of the partition. */
  private static boolean onlyMarkers(
      KafkaConsumer<byte[], byte[]> c, TopicPartition tp, long from, long end) {
    c.seek(tp, from);
    c.resume(List.of(tp));
    try {
      ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(200));
      return records.isEmpty() && c.position(tp, Duration.ofSeconds(1)) >= end;
    } finally {
      c.pause(List.of(tp));
    }
  }
}
