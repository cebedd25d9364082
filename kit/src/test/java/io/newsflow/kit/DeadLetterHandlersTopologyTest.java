package io.newsflow.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handlers {@link StreamsSettings} installs, on a small real topology. */
class DeadLetterHandlersTopologyTest {
  private static final String DLQ = "news.articles.dlq";

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, String> in;
  private TestOutputTopic<String, String> out;
  private TestOutputTopic<String, byte[]> dlq;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  /**
   * Forwards values; "boom" throws, "named" throws naming another record, "state" a store error.
   */
  private static final class Picky implements Processor<String, String, String, String> {
    private ProcessorContext<String, String> context;

    @Override
    public void init(ProcessorContext<String, String> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, String> record) {
      switch (record.value()) {
        case "boom" -> throw new IllegalArgumentException("no boom here");
        case "named" ->
            throw new FailedRecord(
                "news.articles.raw",
                3,
                42,
                "orig-key".getBytes(StandardCharsets.UTF_8),
                "orig-value".getBytes(StandardCharsets.UTF_8),
                new ArithmeticException("/ by zero"));
        case "state" -> throw new ProcessorStateException("disk gone");
        default -> context.forward(record);
      }
    }
  }

  private void start() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("src"))
        .process(Picky::new, Named.as("picky"))
        .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
    Topology topology = builder.build();
    driver =
        new TopologyTestDriver(
            topology,
            StreamsSettings.of("handlers-test", "dummy:1234", stateDir, Map.of()),
            Instant.parse("2024-10-22T08:00:00Z"));
    in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
    out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
    dlq = driver.createOutputTopic(DLQ, new StringDeserializer(), new ByteArrayDeserializer());
  }

  @Test
  void shouldInstallTheHandlersWhenSettingsAreMade() {
    var props = StreamsSettings.of("a", "b:1", stateDir, Map.of());
    assertThat(props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(DeadLetterProcessingHandler.class.getName());
    assertThat(props.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(DeadLetterProductionHandler.class.getName());
  }

  @Test
  void shouldDeadLetterWithReasonAndGoOnWhenProcessingThrows() {
    start();
    in.pipeInput("k1", "a");
    in.pipeInput("k2", "boom");
    in.pipeInput("k3", "b");

    assertThat(out.readValuesToList()).containsExactly("a", "b");
    TestRecord<String, byte[]> dead = dlq.readRecord();
    assertThat(dead.key()).isEqualTo("k2");
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("boom");
    Headers h = dead.headers();
    assertThat(DeadLetters.header(h, DeadLetters.STAGE)).isEqualTo(DeadLetters.STAGE_PROCESS);
    assertThat(DeadLetters.header(h, DeadLetters.REASON))
        .isEqualTo("processing failed in picky: java.lang.IllegalArgumentException: no boom here");
    assertThat(DeadLetters.header(h, DeadLetters.PROCESSOR)).isEqualTo("picky");
    assertThat(DeadLetters.header(h, DeadLetters.EXCEPTION))
        .isEqualTo(IllegalArgumentException.class.getName());
    assertThat(DeadLetters.header(h, DeadLetters.TOPIC)).isEqualTo("in");
    assertThat(DeadLetters.header(h, DeadLetters.OFFSET)).isEqualTo("1");
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterTheNamedRecordWhenFailureNamesOne() {
    start();
    in.pipeInput("k", "named");

    TestRecord<String, byte[]> dead = dlq.readRecord();
    assertThat(dead.key()).isEqualTo("orig-key");
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("orig-value");
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC))
        .isEqualTo("news.articles.raw");
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.PARTITION)).isEqualTo("3");
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.OFFSET)).isEqualTo("42");
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON))
        .isEqualTo("processing failed in picky: java.lang.ArithmeticException: / by zero");
  }

  @Test
  void shouldCountEveryDeadLetterByStageWhenTheMeterTravelsInTheStreamsProperties() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.Integer()).withName("src"))
        .mapValues(v -> v == 0 ? "zero" : Integer.toString(v), Named.as("show"))
        .process(Picky::new, Named.as("picky"))
        .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
    var props = StreamsSettings.of("meter-test", "dummy:1234", stateDir, Map.of());
    DeadLetterMeter.attach(props, DeadLetterMeter.of(registry, "newsflow.test.dead.letters"));
    driver = new TopologyTestDriver(builder.build(), props, Instant.parse("2024-10-22T08:00:00Z"));
    // Handlers are made by Kafka Streams from class names; every stage shows 0 before any.
    assertThat(count(registry, DeadLetters.STAGE_DESERIALIZE)).isZero();
    assertThat(count(registry, DeadLetters.STAGE_PRODUCE)).isZero();
    var ints = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());

    ints.pipeInput("k1", "not four bytes"); // the Integer deserialiser refuses it
    driver
        .createInputTopic(
            "in",
            new StringSerializer(),
            new org.apache.kafka.common.serialization.IntegerSerializer())
        .pipeInput("k2", 7);

    assertThat(count(registry, DeadLetters.STAGE_DESERIALIZE)).isEqualTo(1.0);
    assertThat(count(registry, DeadLetters.STAGE_PROCESS)).isZero();
    assertThat(count(registry, DeadLetters.STAGE_VALIDATE)).isZero();
  }

  @Test
  void shouldCountProcessingDeadLettersWhenTheMeterTravelsInTheStreamsProperties() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("src"))
        .process(Picky::new, Named.as("picky"))
        .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
    var props = StreamsSettings.of("meter-test", "dummy:1234", stateDir, Map.of());
    DeadLetterMeter.attach(props, DeadLetterMeter.of(registry, "newsflow.test.dead.letters"));
    driver = new TopologyTestDriver(builder.build(), props, Instant.parse("2024-10-22T08:00:00Z"));
    in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());

    in.pipeInput("k1", "boom");
    in.pipeInput("k2", "a");
    in.pipeInput("k3", "named");

    assertThat(count(registry, DeadLetters.STAGE_PROCESS)).isEqualTo(2.0);
    assertThat(count(registry, DeadLetters.STAGE_DESERIALIZE)).isZero();
  }

  private static double count(SimpleMeterRegistry registry, String stage) {
    return registry.find("newsflow.test.dead.letters").tag("stage", stage).counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count)
        .sum();
  }

  @Test
  void shouldStopWhenTheFailureIsNotTheRecordsFault() {
    start();
    assertThatThrownBy(() -> in.pipeInput("k", "state")).isInstanceOf(StreamsException.class);
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterTheOutputCutWhenProducerSaysRecordTooLarge() {
    DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
    handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DLQ));
    byte[] big = new byte[2 * 1024 * 1024];
    ProducerRecord<byte[], byte[]> output =
        new ProducerRecord<>(
            "news.articles.enriched", "id-1".getBytes(StandardCharsets.UTF_8), big);

    ProductionExceptionHandler.Response r =
        handler.handleError(context(), output, new RecordTooLargeException("too large"));

    assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    List<ProducerRecord<byte[], byte[]>> dead = r.deadLetterQueueRecords();
    assertThat(dead).hasSize(1);
    ProducerRecord<byte[], byte[]> d = dead.get(0);
    assertThat(d.topic()).isEqualTo(DLQ);
    assertThat(d.key()).isEqualTo(output.key());
    assertThat(d.value()).hasSize(DeadLetters.MAX_KEPT_BYTES);
    assertThat(DeadLetters.header(d.headers(), DeadLetters.STAGE))
        .isEqualTo(DeadLetters.STAGE_PRODUCE);
    assertThat(DeadLetters.header(d.headers(), DeadLetters.VALUE_TRUNCATED))
        .isEqualTo(Integer.toString(big.length));
    assertThat(DeadLetters.header(d.headers(), DeadLetters.REASON))
        .contains("news.articles.enriched")
        .contains(big.length + " bytes");
    assertThat(DeadLetters.header(d.headers(), DeadLetters.OFFSET)).isEqualTo("7");

    assertThat(
            handler
                .handleError(
                    context(),
                    output,
                    new org.apache.kafka.common.errors.TimeoutException("broker away"))
                .result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
  }

  /** Where the failing output came from: a plain value, not a Streams internal. */
  private static ErrorHandlerContext context() {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return "newsflow-enrich-decide-input-repartition";
      }

      @Override
      public int partition() {
        return 0;
      }

      @Override
      public long offset() {
        return 7;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return "enriched-sink";
      }

      @Override
      public TaskId taskId() {
        return new TaskId(1, 0);
      }

      @Override
      public long timestamp() {
        return 1_729_584_000_000L;
      }

      @Override
      public byte[] sourceRawKey() {
        return null;
      }

      @Override
      public byte[] sourceRawValue() {
        return null;
      }
    };
  }
}
