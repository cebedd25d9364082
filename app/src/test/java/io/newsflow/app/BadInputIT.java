package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.Json;
import io.newsflow.ingest.InputFormat;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.http.ArticleEndpoint;
import io.newsflow.testkit.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input suite: every kind of bad record a user or a misbehaving client can send, at each
 * entry point (any Kafka client on {@code news.articles.raw}, the JSON Lines CLI, the HTTP
 * endpoint), in the middle of a stream of good articles on a real broker with the real enrich and
 * aggregate apps.
 *
 * <p>Each bad record ends in {@code news.articles.dlq} with its reason, or is accepted where the
 * contract allows it (docs/SECURITY.md, "Bad input"); every good article is in {@code
 * news.articles.enriched} exactly once (read committed); the good articles flow at the rate they
 * flow without bad input. The tally (input kind, outcome, reason) and the two rates are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
  /** Good articles per phase: about 5 s of work for the pipeline on a busy 2-core machine. */
  private static final int GOOD = 200;

  private static final int TEN_MB = 10 * 1024 * 1024;

  /** The raw topic takes records up to this size here, as an operator may configure it. */
  private static final int RAISED_LIMIT = 16 * 1024 * 1024;

  private PipelineFixture pipeline;
  private Corpus corpus;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    pipeline = new PipelineFixture(dir);
    corpus = Corpus.fromSeeds(PipelineIT.SEEDS);
    // With the default 1 MB limits a 10 MB record never reaches the topic (see
    // shouldRefuseTenMegabyteRecordAtTheProducerAndBrokerWhenLimitsAreTheDefaults); raised limits
    // let it through to enrich, which must dead-letter it rather than choke on it.
    try (Admin admin = admin()) {
      admin
          .incrementalAlterConfigs(
              Map.of(
                  new ConfigResource(ConfigResource.Type.TOPIC, ArticleTopics.RAW.name()),
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry(
                              TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(RAISED_LIMIT)),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  /** What a bad (or odd) record should become. */
  private record Case(
      String kind, String key, byte[] value, String stage, String reason, String acceptedId) {
    static Case dead(String kind, byte[] value, String stage, String reason) {
      return new Case(kind, "bad-" + kind, value, stage, reason, null);
    }

    static Case dead(String kind, String value, String stage, String reason) {
      return dead(kind, utf8(value), stage, reason);
    }

    static Case accepted(String kind, String key, byte[] value, String id) {
      return new Case(kind, key, value, null, null, id);
    }
  }

  private static final String DESERIALIZE = DeadLetters.STAGE_DESERIALIZE;
  private static final String VALIDATE = DeadLetters.STAGE_VALIDATE;

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    String ok = "\"outlet\":\"bad.example\",\"title\":\"Judul\"";
    cases.add(
        Case.dead(
            "malformed JSON",
            "{\"outlet\":\"bad.example\",\"body\": oops}",
            DESERIALIZE,
            "Unrecognized token 'oops'"));
    cases.add(
        Case.dead(
            "trailing garbage",
            "{" + ok + ",\"body\":\"a\"}{\"body\":\"b\"}",
            DESERIALIZE,
            "Trailing token"));
    cases.add(
        Case.dead(
            "invalid UTF-8",
            concat(utf8("{" + ok + ",\"body\":\"caf"), new byte[] {(byte) 0xC3, 0x28}, utf8("\"}")),
            DESERIALIZE,
            "Invalid UTF-8"));
    cases.add(
        Case.dead(
            "Latin-1 bytes sent as UTF-8 (wrong encoding)",
            ("{" + ok + ",\"body\":\"Kafe baru di Bogor: caf\u00e9 \u00e0 la carte.\"}")
                .getBytes(StandardCharsets.ISO_8859_1),
            DESERIALIZE,
            "Invalid UTF-8"));
    cases.add(
        Case.dead(
            "10 MB body",
            "{" + ok + ",\"body\":\"" + "kata ".repeat(TEN_MB / 5) + "\"}",
            VALIDATE,
            "over the limit of one article (" + Article.MAX_BYTES + " bytes)"));
    cases.add(
        Case.dead(
            "missing body",
            "{\"outlet\":\"bad.example\",\"title\":\"Tanpa isi\"}",
            VALIDATE,
            "field 'body' is missing"));
    cases.add(Case.dead("empty object", "{}", VALIDATE, "field 'outlet' is missing"));
    cases.add(Case.dead("blank body", "{" + ok + ",\"body\":\"  \\n \"}", VALIDATE, "'body'"));
    cases.add(
        Case.dead(
            "body is a number",
            "{" + ok + ",\"body\":42}",
            DESERIALIZE,
            "field 'body': Cannot coerce Integer"));
    cases.add(
        Case.dead(
            "title is an object",
            "{\"outlet\":\"bad.example\",\"title\":{\"text\":\"x\"},\"body\":\"b\"}",
            DESERIALIZE,
            "field 'title'"));
    cases.add(
        Case.dead(
            "credits is a string",
            "{" + ok + ",\"body\":\"b\",\"credits\":\"Reuters\"}",
            DESERIALIZE,
            "field 'credits'"));
    cases.add(
        Case.dead(
            "schemaVersion is text",
            "{" + ok + ",\"body\":\"b\",\"schemaVersion\":\"one\"}",
            DESERIALIZE,
            "field 'schemaVersion'"));
    cases.add(
        Case.dead(
            "duplicate field",
            "{" + ok + ",\"body\":\"a\",\"body\":\"b\"}",
            DESERIALIZE,
            "Duplicate field 'body'"));
    cases.add(
        Case.dead(
            "JSON array instead of object",
            "[{" + ok + ",\"body\":\"b\"}]",
            DESERIALIZE,
            "Cannot deserialize"));
    cases.add(
        Case.dead(
            "nested 5000 deep",
            "{" + ok + ",\"body\":\"b\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
            DESERIALIZE,
            "nesting depth"));
    cases.add(Case.dead("empty value (0 bytes)", new byte[0], DESERIALIZE, "No content"));
    cases.add(Case.dead("tombstone (null value)", (byte[]) null, VALIDATE, "empty value"));
    cases.add(Case.dead("JSON null", "null", VALIDATE, "JSON literal null"));
    cases.add(
        Case.dead(
            "escaped control character (NUL)",
            "{" + ok + ",\"body\":\"isi \\u0000 artikel\"}",
            VALIDATE,
            "field 'body' holds a control character (U+0000)"));
    cases.add(
        Case.dead(
            "escaped control character (ESC) in title",
            "{\"outlet\":\"bad.example\",\"title\":\"Ju\\u001b[31mdul\",\"body\":\"b\"}",
            VALIDATE,
            "field 'title' holds a control character (U+001B)"));
    cases.add(
        Case.dead(
            "raw control byte inside a string",
            "{" + ok + ",\"body\":\"isi \u0001 artikel\"}",
            DESERIALIZE,
            "Illegal unquoted character"));
    cases.add(
        Case.dead(
            "unpaired surrogate",
            "{" + ok + ",\"body\":\"isi \\ud800 artikel\"}",
            VALIDATE,
            "field 'body' holds an unpaired surrogate (U+D800)"));
    cases.add(
        Case.dead(
            "huge title (100,000 chars)",
            "{\"outlet\":\"bad.example\",\"title\":\"" + "t".repeat(100_000) + "\",\"body\":\"b\"}",
            VALIDATE,
            "field 'title' is 100000 characters long"));
    cases.add(
        Case.dead(
            "publishedAt year 1",
            "{" + ok + ",\"body\":\"b\",\"publishedAt\":\"0001-01-01T00:00:00Z\"}",
            VALIDATE,
            "field 'publishedAt' is 0001-01-01T00:00:00Z, before 1800"));
    cases.add(
        Case.dead(
            "publishedAt year 9999",
            "{" + ok + ",\"body\":\"b\",\"publishedAt\":\"9999-12-31T23:59:59Z\"}",
            VALIDATE,
            "field 'publishedAt' is 9999-12-31T23:59:59Z, more than 24 h after"));
    cases.add(
        Case.dead(
            "publishedAt year 999,999,999",
            "{" + ok + ",\"body\":\"b\",\"publishedAt\":\"+999999999-12-31T23:59:59Z\"}",
            VALIDATE,
            "field 'publishedAt'"));
    cases.add(
        Case.dead(
            "publishedAt not a date",
            "{" + ok + ",\"body\":\"b\",\"publishedAt\":\"yesterday\"}",
            DESERIALIZE,
            "field 'publishedAt'"));
    cases.add(
        Case.dead(
            "ingestedAt in the future",
            "{" + ok + ",\"body\":\"b\",\"ingestedAt\":\"2999-01-01T00:00:00Z\"}",
            VALIDATE,
            "field 'ingestedAt' is 2999-01-01T00:00:00Z, more than 24 h in the future"));
    cases.add(
        Case.dead(
            "future schema version",
            "{\"schemaVersion\":2," + ok + ",\"body\":\"b\",\"sentiment\":{\"score\":0.3}}",
            VALIDATE,
            "field 'schemaVersion' is 2, newer than this reader understands (1)"));
    cases.add(
        Case.dead(
            "negative schema version",
            "{\"schemaVersion\":-1," + ok + ",\"body\":\"b\"}",
            VALIDATE,
            "field 'schemaVersion' is -1"));

    // Accepted by the contract.
    String nullKeyBody = "Artikel tanpa kunci rekaman: id dihitung dari teks.";
    cases.add(
        Case.accepted(
            "null key (id from the text)",
            null,
            utf8(
                "{\"outlet\":\"odd.example\",\"title\":\"Tanpa kunci\",\"body\":\""
                    + nullKeyBody
                    + "\"}"),
            Article.idOf(null, "Tanpa kunci", nullKeyBody)));
    cases.add(
        Case.accepted(
            "key differs from the id in the value",
            "some-other-key",
            utf8("{\"id\":\"odd-key-vs-id\",\"outlet\":\"odd.example\",\"body\":\"Kunci beda.\"}"),
            "odd-key-vs-id"));
    cases.add(
        Case.accepted(
            "unknown fields at the current schema version",
            "odd-unknown-fields",
            utf8(
                "{\"schemaVersion\":1,\"id\":\"odd-unknown-fields\",\"outlet\":\"odd.example\","
                    + "\"body\":\"Bidang baru.\",\"sentiment\":{\"score\":0.3},\"tags\":[\"a\"]}"),
            "odd-unknown-fields"));
    cases.add(
        Case.accepted(
            "UTF-16 JSON with a byte-order mark",
            "odd-utf16",
            "{\"id\":\"odd-utf16\",\"outlet\":\"odd.example\",\"body\":\"Teks UTF-16.\"}"
                .getBytes(StandardCharsets.UTF_16),
            "odd-utf16"));
    cases.add(
        Case.accepted(
            "UTF-8 byte-order mark",
            "odd-bom",
            concat(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8("{\"id\":\"odd-bom\",\"outlet\":\"odd.example\",\"body\":\"Dengan BOM.\"}")),
            "odd-bom"));
    cases.add(
        Case.accepted(
            "tab, CR and LF in the body, emoji in the title",
            "odd-whitespace",
            utf8(
                "{\"id\":\"odd-whitespace\",\"outlet\":\"odd.example\",\"title\":\"Kabar \\ud83d\\udcf0\","
                    + "\"body\":\"Baris satu.\\r\\n\\tBaris dua.\"}"),
            "odd-whitespace"));
    cases.add(
        Case.accepted(
            "largest article (just under 256 KiB, entity-dense)",
            "odd-largest",
            largest(),
            "odd-largest"));
    return cases;
  }

  @Test
  void shouldDeadLetterEachBadRecordAndKeepEveryGoodOneFlowingWhenBadInputIsMixedIntoTheStream()
      throws Exception {
    List<Case> cases = cases();
    List<Article> baselineGood = good(1);
    List<Article> mixedGood = good(2);
    List<ConsumerRecord<byte[], byte[]>> enriched = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();

    try (KafkaProducer<byte[], byte[]> producer = producer(RAISED_LIMIT);
        TopicTail enrichedTail =
            new TopicTail(pipeline.bootstrap(), List.of(EnrichTopics.ENRICHED.name()));
        TopicTail dlqTail = new TopicTail(pipeline.bootstrap(), List.of(EnrichTopics.DLQ.name()))) {
      // Warm-up: the first records pay for task start-up and the knowledge base.
      List<Article> warm = good(0).subList(0, 20);
      send(producer, warm, List.of());
      await(enrichedTail, enriched, ids(warm), "warm-up");

      long begin = System.nanoTime();
      send(producer, baselineGood, List.of());
      await(enrichedTail, enriched, ids(baselineGood), "baseline");
      double baseline = GOOD / ((System.nanoTime() - begin) / 1e9);

      begin = System.nanoTime();
      send(producer, mixedGood, cases);
      await(enrichedTail, enriched, ids(mixedGood), "good articles among bad input");
      double mixedRate = GOOD / ((System.nanoTime() - begin) / 1e9);
      List<String> acceptedIds =
          cases.stream().filter(c -> c.acceptedId() != null).map(Case::acceptedId).toList();
      await(enrichedTail, enriched, acceptedIds, "odd but valid records");
      int expectedDead = (int) cases.stream().filter(c -> c.stage() != null).count();
      awaitCount(dlqTail, dead, expectedDead);
      // Anything more (a duplicate, a good record dead-lettered) would show up by now.
      dlqTail.catchUp(Duration.ofSeconds(2), dead::add);
      enrichedTail.catchUp(Duration.ofSeconds(2), enriched::add);

      Map<String, String> tally = new LinkedHashMap<>();
      for (Case c : cases) {
        tally.put(c.kind(), outcome(c, enriched, dead));
      }
      System.out.println("bad-input tally (input kind -> outcome):");
      tally.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-50s -> %s%n", k, v));
      System.out.printf(
          Locale.ROOT,
          "good-article rate: %.1f articles/s without bad input, %.1f articles/s with %d bad"
              + " records mixed in (%.0f%%); %d good articles each (rough: shared 2-core"
              + " machine)%n",
          baseline,
          mixedRate,
          expectedDead,
          100 * mixedRate / baseline,
          GOOD);

      assertThat(dead).as("one dead letter per bad record, nothing else").hasSize(expectedDead);
      for (Case c : cases) {
        if (c.stage() != null) {
          ConsumerRecord<byte[], byte[]> letter = byKey(dead, c.key());
          assertThat(DeadLetters.header(letter.headers(), DeadLetters.STAGE))
              .as(c.kind())
              .isEqualTo(c.stage());
          assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON))
              .as(c.kind())
              .contains(c.reason());
          byte[] kept =
              c.value() == null
                  ? null
                  : Arrays.copyOf(
                      c.value(), Math.min(c.value().length, DeadLetters.MAX_KEPT_BYTES));
          assertThat(letter.value()).as(c.kind() + ": original bytes").isEqualTo(kept);
          if (c.value() != null && c.value().length > DeadLetters.MAX_KEPT_BYTES) {
            assertThat(DeadLetters.header(letter.headers(), DeadLetters.VALUE_TRUNCATED))
                .isEqualTo(Integer.toString(c.value().length));
          }
        }
      }
      Map<String, Integer> counts = countByKey(enriched);
      for (Article a : concat(warm, baselineGood, mixedGood)) {
        assertThat(counts.get(a.id())).as("times %s was enriched", a.id()).isEqualTo(1);
      }
      for (String id : acceptedIds) {
        assertThat(counts.get(id)).as("times %s was enriched", id).isEqualTo(1);
      }
      assertThat(mixedRate)
          .as("good articles keep flowing at their normal rate (within half of it)")
          .isGreaterThan(baseline / 2);
      assertThat(pipeline.enrich.state().isRunningOrRebalancing()).isTrue();
      assertThat(pipeline.aggregate.state().isRunningOrRebalancing()).isTrue();
    }
  }

  @Test
  void shouldRefuseTenMegabyteRecordAtTheProducerAndBrokerWhenLimitsAreTheDefaults()
      throws Exception {
    String topic = "bad-input-default-limits";
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    byte[] tenMb = new byte[TEN_MB];
    Arrays.fill(tenMb, (byte) 'x');

    Throwable atProducer;
    Throwable atBroker;
    try (KafkaProducer<byte[], byte[]> defaults = producer(null);
        KafkaProducer<byte[], byte[]> raised = producer(RAISED_LIMIT)) {
      atProducer = failure(defaults.send(new ProducerRecord<>(topic, tenMb)));
      atBroker = failure(raised.send(new ProducerRecord<>(topic, tenMb)));
    }

    System.out.println("10 MB, default producer: " + atProducer);
    System.out.println("10 MB, producer limit raised, topic default: " + atBroker);
    assertThat(atProducer)
        .isInstanceOf(RecordTooLargeException.class)
        .hasMessageContaining("max.request.size");
    assertThat(atBroker).isInstanceOf(RecordTooLargeException.class);
  }

  @Test
  void shouldReportEachBadLineWithFileAndLineAndSendTheGoodOnesWhenTheCliReadsBadInput(
      @TempDir Path dir) throws Exception {
    List<Article> good = good(3).subList(0, 3);
    Path jsonl = dir.resolve("mixed.jsonl");
    String hugeLine =
        "{\"outlet\":\"cli.example\",\"body\":\"" + "kata ".repeat(TEN_MB / 5) + "\"}";
    try (var out = Files.newOutputStream(jsonl)) {
      out.write(utf8(line(good.get(0)) + "\n"));
      out.write(utf8(hugeLine + "\n"));
      out.write(
          concat(utf8("{\"outlet\":\"cli.example\",\"body\":\"caf"), new byte[] {(byte) 0xE9}));
      out.write(utf8("\"}\n"));
      out.write(utf8(line(good.get(1)) + "\n"));
      out.write(utf8("{\"outlet\":\"cli.example\",\"body\":\"isi \\u0000\"}\n"));
      out.write(utf8("{\"schemaVersion\":3,\"outlet\":\"cli.example\",\"body\":\"b\"}\n"));
      out.write(utf8(line(good.get(2)) + "\n"));
    }
    Path page = dir.resolve("huge.txt");
    Files.writeString(page, "KOMPAS.TV - " + "Kata kata. ".repeat(TEN_MB / 11));
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    IngestRun.Result result =
        IngestRun.run(
            pipeline.bootstrap(),
            Map.of(),
            List.of(jsonl.toString(), page.toString()),
            InputFormat.AUTO,
            Article.UNKNOWN_OUTLET,
            null,
            InputStream.nullInputStream(),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);

    String errors = err.toString(StandardCharsets.UTF_8);
    System.out.print(errors);
    assertThat(errors)
        .contains(jsonl + ":2: line is " + utf8(hugeLine).length + " bytes, over the limit")
        .contains(jsonl + ":3: not UTF-8")
        .containsPattern(
            java.util.regex.Pattern.quote(jsonl + ":5: ")
                + ".*field 'body' holds a control character \\(U\\+0000\\)")
        .contains(jsonl + ":6: field 'schemaVersion' is 3")
        .contains(page + ": larger than " + Article.MAX_BYTES + " bytes");
    assertThat(result.summary().sent()).isEqualTo(3);
    assertThat(result.summary().invalid()).isEqualTo(5);
    assertThat(result.summary().failed()).isZero();
    pipeline.awaitOutput(
        "the three good lines enriched",
        () -> ids(good).stream().allMatch(pipeline.summary::enriched));
  }

  @Test
  void shouldAnswerEachBadRequestClearlyAndKeepServingWhenTheHttpEndpointGetsBadInput()
      throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    IngestServer.Config config =
        new IngestServer.Config(
            List.of(),
            FeedPoller.Options.from(Map.of()),
            0,
            "127.0.0.1",
            ArticleEndpoint.Limits.DEFAULT,
            null,
            Duration.ofSeconds(2),
            Article.UNKNOWN_OUTLET,
            null);
    Article good = good(4).get(0);
    try (Observability observability = new Observability();
        IngestServer server =
            IngestServer.start(
                pipeline.bootstrap(), new HashMap<>(), config, observability, System.out)) {
      URI uri = URI.create(server.http().baseUri() + ArticleEndpoint.PATH);
      Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
      answers.put(
          "10 MB body",
          post(
              client,
              uri,
              "application/json",
              utf8("{\"outlet\":\"h.example\",\"body\":\"" + "kata ".repeat(TEN_MB / 5) + "\"}")));
      answers.put(
          "charset=ISO-8859-1",
          post(client, uri, "application/json; charset=ISO-8859-1", utf8(line(good))));
      answers.put(
          "invalid UTF-8",
          post(client, uri, "application/json", new byte[] {'{', (byte) 0xC3, 0x28, '}'}));
      answers.put(
          "future schema version",
          post(
              client,
              uri,
              "application/json",
              utf8("{\"schemaVersion\":2,\"outlet\":\"h.example\",\"body\":\"b\"}")));
      answers.put("good article", post(client, uri, "application/json", utf8(line(good))));
      answers.forEach(
          (k, v) ->
              System.out.printf(
                  Locale.ROOT,
                  "  POST %-22s -> %d %s%n",
                  k,
                  v.statusCode(),
                  v.body().length() > 160 ? v.body().substring(0, 160) + "..." : v.body()));

      assertThat(answers.get("10 MB body").statusCode()).isEqualTo(413);
      assertThat(answers.get("charset=ISO-8859-1").statusCode()).isEqualTo(415);
      assertThat(answers.get("invalid UTF-8").statusCode()).isEqualTo(400);
      assertThat(answers.get("future schema version").statusCode()).isEqualTo(422);
      assertThat(answers.get("good article").statusCode()).isEqualTo(200);
    }
    pipeline.awaitOutput("the good POST enriched", () -> pipeline.summary.enriched(good.id()));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private List<Article> good(int seed) {
    return corpus.articles(GOOD, 0.0, 1000 + seed, Instant.now()).stream()
        .map(a -> withId(a, "good-" + seed + "-" + a.id()))
        .toList();
  }

  private static Article withId(Article a, String id) {
    return new Article(
        a.schemaVersion(),
        id,
        a.url(),
        a.outlet(),
        a.title(),
        a.body(),
        a.language(),
        a.publishedAt(),
        a.ingestedAt(),
        a.credits(),
        a.boilerplate(),
        a.source());
  }

  /** The largest valid article: seed text (names, places, agencies) repeated to the limit. */
  private static byte[] largest() {
    try {
      StringBuilder body = new StringBuilder();
      List<Path> seeds;
      try (var files = Files.list(PipelineIT.SEEDS)) {
        seeds = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
      }
      String text = "";
      for (Path p : seeds) {
        text += Files.readString(p, StandardCharsets.UTF_8) + "\n";
      }
      String prefix =
          "{\"id\":\"odd-largest\",\"outlet\":\"odd.example\",\"title\":\"Besar\",\"body\":";
      while (true) {
        String next = body + text;
        if (utf8(prefix + Json.mapper().writeValueAsString(next) + "}").length
            > Article.MAX_BYTES) {
          break;
        }
        body.append(text);
      }
      return utf8(prefix + Json.mapper().writeValueAsString(body.toString()) + "}");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String line(Article a) {
    try {
      return Json.mapper().writeValueAsString(a);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends the good articles, with the bad cases in the middle, and waits for the acks. */
  private static void send(
      KafkaProducer<byte[], byte[]> producer, List<Article> good, List<Case> bad) throws Exception {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (int i = 0; i < good.size(); i++) {
      if (i == good.size() / 2) {
        for (Case c : bad) {
          sent.add(
              producer.send(
                  new ProducerRecord<>(
                      ArticleTopics.RAW.name(),
                      c.key() == null ? null : utf8(c.key()),
                      c.value())));
        }
      }
      Article a = good.get(i);
      sent.add(
          producer.send(
              new ProducerRecord<>(ArticleTopics.RAW.name(), utf8(a.id()), utf8(line(a)))));
    }
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      f.get(60, TimeUnit.SECONDS);
    }
  }

  /** Reads enriched records until every id is there. */
  private static void await(
      TopicTail tail, List<ConsumerRecord<byte[], byte[]>> into, List<String> ids, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (!countByKey(into).keySet().containsAll(ids)) {
      assertThat(System.nanoTime()).as("%s enriched in time", what).isLessThan(deadline);
      tail.catchUp(Duration.ofSeconds(5), into::add);
    }
  }

  private static void awaitCount(
      TopicTail tail, List<ConsumerRecord<byte[], byte[]>> into, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (into.size() < count) {
      assertThat(System.nanoTime()).as("%d dead letters in time", count).isLessThan(deadline);
      tail.catchUp(Duration.ofSeconds(5), into::add);
    }
  }

  private static String outcome(
      Case c,
      List<ConsumerRecord<byte[], byte[]>> enriched,
      List<ConsumerRecord<byte[], byte[]>> dead) {
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      if (r.key() != null && c.key() != null && c.key().equals(utf8(r.key()))) {
        String reason = DeadLetters.header(r.headers(), DeadLetters.REASON);
        return "dlq, "
            + DeadLetters.header(r.headers(), DeadLetters.STAGE)
            + ": "
            + (reason.length() > 110 ? reason.substring(0, 110) + "..." : reason);
      }
    }
    if (c.acceptedId() != null && countByKey(enriched).containsKey(c.acceptedId())) {
      return "accepted, enriched as " + c.acceptedId();
    }
    return "MISSING";
  }

  private static Map<String, Integer> countByKey(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, Integer> counts = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      counts.merge(utf8(r.key()), 1, Integer::sum);
    }
    return counts;
  }

  private static ConsumerRecord<byte[], byte[]> byKey(
      List<ConsumerRecord<byte[], byte[]>> records, String key) {
    return records.stream()
        .filter(r -> r.key() != null && utf8(r.key()).equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no dead letter with key " + key));
  }

  private static List<String> ids(List<Article> articles) {
    return articles.stream().map(Article::id).toList();
  }

  @SafeVarargs
  private static <T> List<T> concat(List<T>... lists) {
    List<T> all = new ArrayList<>();
    for (List<T> l : lists) {
      all.addAll(l);
    }
    return all;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrap()));
  }

  /** A byte producer; {@code maxRequestSize} null keeps Kafka's default (1 MB). */
  private KafkaProducer<byte[], byte[]> producer(Integer maxRequestSize) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrap());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    if (maxRequestSize != null) {
      config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestSize);
      config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * maxRequestSize);
    }
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Throwable failure(Future<RecordMetadata> send) {
    Throwable t = catchThrowable(() -> send.get(60, TimeUnit.SECONDS));
    return t instanceof ExecutionException e ? e.getCause() : t;
  }

  private static HttpResponse<String> post(
      HttpClient client, URI uri, String contentType, byte[] body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
