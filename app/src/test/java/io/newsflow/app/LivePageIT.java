package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Json;
import io.newsflow.ingest.ArticleReader;
import io.newsflow.ingest.InputFormat;
import io.newsflow.ingest.ReadResult;
import io.newsflow.testkit.Corpus;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page of {@code ./newsflow demo} in real headless Chromium: the demo runs as its own
 * process on the seeds, a Playwright script ({@code src/test/js/live-page.mjs}) opens the page the
 * demo prints, the test feeds an exact copy of a seed and the page must count it; then a burst of
 * bench-like articles ({@link Corpus}, with near copies), after which the page must list the latest
 * articles as the API has them, show a story with its copies under their original, and an entity
 * with a non-empty series and its stories, at 1400 px and at a phone's 390 px without overflowing.
 * Screenshots of each are kept in {@code target/live-page/} (paths printed).
 *
 * <p>Needs Debian's {@code chromium} ({@code CHROMIUM} names another binary), {@code node} and
 * {@code npm ci} run in {@code src/test/js}; skipped with a message without them ({@code .ci/run}
 * installs all three).
 */
class LivePageIT {
  private static final Duration DEADLINE = Duration.ofSeconds(240);
  private static final Path JS = Path.of("src", "test", "js");
  private static final Path SCREENSHOTS = Path.of("target", "live-page").toAbsolutePath();
  private static final int BURST = 60;
  private static final String COPY_OUTLET = "livepage.example";
  private static final List<String> RANKED = List.of("actor", "location", "theme");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldShowTheSeedsCountsAndUpdateWhenAnArticleIsFed(@TempDir Path dir) throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    assumeTrue(
        Files.isExecutable(chromium),
        "LivePageIT skipped: no Chromium at " + chromium + " (apt-get install chromium)");
    assumeTrue(commandWorks("node", "--version"), "LivePageIT skipped: node is not on the PATH");
    assumeTrue(
        Files.isDirectory(JS.resolve("node_modules").resolve("playwright-core")),
        "LivePageIT skipped: playwright-core is not installed (npm ci --prefix app/src/test/js)");

    try (Lines demo = demo(dir)) {
      // The demo prints these in this order.
      String bootstrap =
          demo.awaitPrefix("broker: ").replaceAll(".* at (\\S+), data in .*", "$1").trim();
      String page = demo.awaitPrefix("live page: ").substring("live page: ".length()).trim();
      demo.awaitPrefix("Ctrl-C to stop.");
      assertThat(page).matches("http://127\\.0\\.0\\.1:\\d+/");

      ProcessBuilder node =
          new ProcessBuilder("node", "live-page.mjs", page, SCREENSHOTS.toString())
              .directory(JS.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT);
      node.environment().put("CHROMIUM", chromium.toString());
      try (Lines browser = start(node, "node")) {
        JsonNode loaded = browser.awaitEvent("loaded");
        Map<String, Map<String, Long>> before = top(page);

        // The seeds' top actors, locations and themes, as the API has them.
        for (String facet : RANKED) {
          assertThat(items(loaded, facet)).as(facet).isNotEmpty().isEqualTo(before.get(facet));
          assertThat(loaded.get("panels").get(facet).get("visible").asBoolean()).isTrue();
        }
        assertThat(items(loaded, "actor")).containsKey("NATO");
        assertThat(items(loaded, "location")).containsKey("Russia");
        assertThat(items(loaded, "theme")).containsKey("military");
        assertThat(items(loaded, "outlet"))
            .containsOnlyKeys(
                "detik.com", "kompas.tv", "kontan.co.id", "tribunnews.com", "unknown");
        assertThat(items(loaded, "agency")).containsKeys("reuters", "afp", "bbc");
        assertThat(figure(loaded, "articles")).isEqualTo(5);
        assertThat(figure(loaded, "copies")).isZero();
        assertThat(loaded.get("statusState").asText()).isEqualTo("live");

        // When: an exact copy of a seed, from another outlet.
        feedCopyOfFirstSeed(bootstrap);
        browser.send("{\"articles\":6,\"latestOutlet\":\"" + COPY_OUTLET + "\"}");
        JsonNode updated = browser.awaitEvent("updated");

        assertThat(figure(updated, "articles")).isEqualTo(6);
        assertThat(figure(updated, "stories")).isEqualTo(5);
        assertThat(figure(updated, "copies")).isEqualTo(1);
        assertThat(figure(updated, "dedupRate")).isCloseTo(1.0 / 6, Offset.offset(1e-9));
        assertThat(updated.get("figures").get("dedupRate").get("text").asText())
            .isEqualTo("16.7 %");
        assertThat(figure(updated, "throughput")).as("articles/s in the last minute").isPositive();
        assertThat(updated.get("chart").asBoolean()).as("uPlot chart drawn").isTrue();
        assertThat(items(updated, "outlet")).containsEntry(COPY_OUTLET, 1L);
        Map<String, Map<String, Long>> after = top(page);
        for (String facet : RANKED) {
          // The copy names the same people, places and themes as its original.
          assertThat(items(updated, facet))
              .as(facet)
              .isEqualTo(after.get(facet))
              .isNotEqualTo(before.get(facet));
        }
        assertThat(updated.get("outside")).as("requests that left 127.0.0.1").isEmpty();
        assertThat(updated.get("scriptErrors")).as("errors in the page").isEmpty();
        // The copy is among the latest articles, marked as an exact copy of its original.
        JsonNode copyRow = row(updated.get("latest"), COPY_OUTLET);
        assertThat(copyRow.get("verdict").asText()).isEqualTo("exact");
        assertThat(copyRow.get("original").asText()).contains("article=");

        // When: a burst of bench-like articles, a third of them copies.
        List<Article> burst =
            Corpus.fromSeeds(PipelineIT.SEEDS)
                .articles(BURST, 0.35, 21, Instant.now(), Corpus.Options.news());
        feed(bootstrap, burst);
        int total = 6 + BURST;
        awaitArticlesCounted(page, total);
        JsonNode latest = awaitLatest(page, 20);
        List<String> latestIds = new ArrayList<>();
        latest.get("items").forEach(i -> latestIds.add(i.get("id").asText()));
        assertThat(latestIds).hasSize(20);
        String story = storyWithACopyUnderItsOriginal(page);
        String actor =
            api(page, "api/top?facet=actor&window=1h&n=1").get("items").get(0).get("key").asText();
        JsonNode series =
            api(page, "api/series?facet=actor&window=1h&key=" + encode(actor)).get("points");
        assertThat(series).as("the API's series of " + actor).isNotEmpty();
        Map<String, Object> instruction = new LinkedHashMap<>();
        instruction.put("articles", total);
        instruction.put("latest", latestIds);
        instruction.put("story", story);
        instruction.put("entity", Map.of("facet", "actor", "key", actor));
        browser.send(Json.mapper().writeValueAsString(instruction));
        JsonNode views = browser.awaitEvent("views");

        views
            .get("screenshots")
            .forEach(p -> System.out.println("live page screenshot: " + p.asText()));

        // Then the latest articles, as /api/latest has them.
        JsonNode shownLatest = views.get("latest").get("latest");
        assertThat(shownLatest).hasSize(20);
        for (int i = 0; i < 20; i++) {
          JsonNode want = latest.get("items").get(i);
          JsonNode shown = shownLatest.get(i);
          assertThat(shown.get("id").asText()).isEqualTo(want.get("id").asText());
          assertThat(shown.get("outlet").asText()).isEqualTo(want.get("outlet").asText());
          assertThat(shown.get("verdict").asText()).isEqualTo(want.get("verdict").asText());
          assertThat(shown.get("story").asText()).isEqualTo(want.path("storyId").asText(""));
          assertThat(shown.get("title").asText()).isEqualTo(want.get("title").asText());
          assertThat(shown.get("original").isNull())
              .as("a link to the original exactly for copies: " + shown)
              .isEqualTo(!want.hasNonNull("originalId"));
          want.get("agencies")
              .forEach(
                  a -> assertThat(shown.get("chips").toString()).contains("wire: " + a.asText()));
        }
        assertThat(views.get("latest").get("chartPoints").asInt())
            .as("history chart from the stores")
            .isPositive();
        assertThat(views.get("latest").get("chart").asBoolean()).isTrue();

        JsonNode storyAnswer = api(page, "api/story?id=" + encode(story)).get("story");
        for (String size : List.of("desktop", "phone")) {
          JsonNode shown = views.get(size);
          // A story: every listed article, each copy under its original.
          JsonNode storyShown = shown.get("story").get("story");
          assertThat(storyShown.get("visible").asBoolean()).as(size).isTrue();
          assertThat(storyShown.get("title").asText()).isEqualTo(storyAnswer.get("title").asText());
          Map<String, List<String>> copiesShown = new LinkedHashMap<>();
          storyShown
              .get("originals")
              .forEach(
                  o -> {
                    List<String> ids = new ArrayList<>();
                    o.get("copies").forEach(c -> ids.add(c.get("id").asText()));
                    copiesShown.put(o.get("id").asText(), ids);
                  });
          Map<String, List<String>> copiesWanted = new LinkedHashMap<>();
          storyAnswer
              .get("timeline")
              .forEach(
                  e -> {
                    if (e.get("verdict").asText().equals("original")) {
                      copiesWanted.computeIfAbsent(e.get("id").asText(), k -> new ArrayList<>());
                    }
                  });
          storyAnswer
              .get("timeline")
              .forEach(
                  e -> {
                    List<String> under = copiesWanted.get(e.path("originalId").asText(""));
                    if (under != null) {
                      under.add(e.get("id").asText());
                    }
                  });
          for (List<String> ids : copiesWanted.values()) {
            ids.sort(null);
          }
          for (List<String> ids : copiesShown.values()) {
            ids.sort(null);
          }
          assertThat(copiesShown).as(size + ": originals and their copies").isEqualTo(copiesWanted);
          assertThat(copiesShown.values().stream().mapToInt(List::size).sum()).isPositive();
          assertThat(storyShown.get("lanes")).as("timeline lanes, one per outlet").isNotEmpty();

          // An entity: its series drawn, non-empty, and its stories as the API lists them.
          JsonNode entity = shown.get("entity").get("entity");
          assertThat(entity.get("visible").asBoolean()).as(size).isTrue();
          assertThat(entity.get("name").asText()).isEqualTo(actor);
          assertThat(entity.get("points").asInt()).isPositive();
          assertThat(entity.get("chart").asBoolean()).isTrue();
          List<String> entityStories = new ArrayList<>();
          api(page, "api/stories?n=20&facet=actor&key=" + encode(actor))
              .get("items")
              .forEach(i -> entityStories.add(i.get("storyId").asText()));
          assertThat(entityStories).isNotEmpty();
          List<String> storiesShown = new ArrayList<>();
          entity.get("stories").forEach(i -> storiesShown.add(i.asText()));
          assertThat(storiesShown).isEqualTo(entityStories);

          // Nothing wider than the window, at either size.
          for (String view : List.of("overview", "story", "entity")) {
            JsonNode v = shown.get(view);
            assertThat(v.get("scrollWidth").asInt())
                .as(size + " " + view + ": page width within the window")
                .isLessThanOrEqualTo(v.get("width").asInt());
          }
        }
        assertThat(views.get("outside")).as("requests that left 127.0.0.1").isEmpty();
        assertThat(views.get("scriptErrors")).as("errors in the page").isEmpty();
        assertThat(browser.awaitExit()).as("node's exit code").isZero();
        for (JsonNode p : views.get("screenshots")) {
          assertThat(Path.of(p.asText())).isNotEmptyFile();
        }
      }
    }
  }

  /** {@code ./newsflow demo} on the seeds, as its own JVM on this test's class path. */
  private Lines demo(Path dir) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return start(
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Newsflow.class.getName(),
                "demo",
                "--broker-port",
                "0",
                "--api-port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--seeds",
                PipelineIT.SEEDS.toString())
            .redirectErrorStream(true),
        "demo");
  }

  /** Publishes the first seed's body again under another outlet and title: an exact copy. */
  private static void feedCopyOfFirstSeed(String bootstrap) throws IOException {
    Path seed;
    try (Stream<Path> files = Files.list(PipelineIT.SEEDS)) {
      seed = files.filter(p -> p.toString().endsWith(".txt")).sorted().findFirst().orElseThrow();
    }
    List<Article> read = new ArrayList<>();
    new ArticleReader(Clock.systemUTC(), Article.UNKNOWN_OUTLET, null)
        .read(
            seed,
            InputFormat.AUTO,
            r -> {
              if (r instanceof ReadResult.Ok ok) {
                read.add(ok.article());
              }
            });
    assertThat(read).as("articles read from " + seed).hasSize(1);
    Map<String, String> copy = new LinkedHashMap<>();
    copy.put("outlet", COPY_OUTLET);
    copy.put("title", "A copy for the live page");
    copy.put("body", read.get(0).body());
    send(bootstrap, List.of(Json.mapper().writeValueAsString(copy)));
  }

  /** Publishes {@code articles} as JSON Lines through the ingest CLI's code path. */
  private static void feed(String bootstrap, List<Article> articles) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Article a : articles) {
      lines.add(Json.mapper().writeValueAsString(a));
    }
    send(bootstrap, lines);
  }

  private static void send(String bootstrap, List<String> jsonLines) throws IOException {
    byte[] line = (String.join("\n", jsonLines) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    IngestRun.Result sent =
        IngestRun.run(
            bootstrap,
            new HashMap<>(),
            List.of(IngestRun.STDIN),
            InputFormat.JSONL,
            Article.UNKNOWN_OUTLET,
            null,
            new ByteArrayInputStream(line),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    assertThat(sent.summary().sent())
        .as(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(jsonLines.size());
  }

  /**
   * {@code /api/latest?n=N} read after every article was counted, once it lists {@code n} articles
   * from a complete read (or the last answer at the deadline). An answer is reused for up to a
   * second ({@code LatestArticles.REUSE_MS}), so one asked for just after the counts caught up can
   * be a read from before the last articles were committed, with 20 older ones (CI saw such an
   * answer, and then the page, reading later, listed the newer ones): the first ask waits out the
   * reuse.
   */
  private JsonNode awaitLatest(String page, int n) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    TimeUnit.MILLISECONDS.sleep(1_500);
    JsonNode latest = api(page, "api/latest?n=" + n);
    while ((latest.get("items").size() < n || !latest.path("complete").asBoolean())
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(250);
      latest = api(page, "api/latest?n=" + n);
    }
    return latest;
  }

  /** Waits until the API counts {@code n} articles (the sum of the outlets' mentions). */
  private void awaitArticlesCounted(String page, long n) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    long counted = 0;
    while (System.nanoTime() < deadline) {
      counted = 0;
      for (JsonNode i : api(page, "api/top?facet=outlet&n=1000").get("items")) {
        counted += i.get("mentions").asLong();
      }
      if (counted >= n) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    fail("the API counts %d articles, not %d, after %s", counted, n, DEADLINE);
  }

  /** A current story with a copy listed under its original (the seeds' story has the fed copy). */
  private String storyWithACopyUnderItsOriginal(String page) throws Exception {
    for (JsonNode s : api(page, "api/stories?n=100").get("items")) {
      String id = s.get("storyId").asText();
      JsonNode timeline = api(page, "api/story?id=" + encode(id)).get("story").get("timeline");
      List<String> originals = new ArrayList<>();
      timeline.forEach(
          e -> {
            if (e.get("verdict").asText().equals("original")) {
              originals.add(e.get("id").asText());
            }
          });
      for (JsonNode e : timeline) {
        if (originals.contains(e.path("originalId").asText(""))) {
          return id;
        }
      }
    }
    return fail("no current story lists a copy together with its original");
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The row of the latest articles from {@code outlet}. */
  private static JsonNode row(JsonNode latest, String outlet) {
    for (JsonNode r : latest) {
      if (r.get("outlet").asText().equals(outlet)) {
        return r;
      }
    }
    return fail("no latest article from %s in %s", outlet, latest);
  }

  private JsonNode api(String page, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(page + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  /** The API's top 10 of each ranked facet. */
  private Map<String, Map<String, Long>> top(String page) throws Exception {
    Map<String, Map<String, Long>> top = new LinkedHashMap<>();
    for (String facet : RANKED) {
      top.put(facet, keyed(api(page, "api/top?n=10&facet=" + facet).get("items")));
    }
    return top;
  }

  private static Map<String, Long> items(JsonNode snapshot, String facet) {
    return keyed(snapshot.get("panels").get(facet).get("items"));
  }

  private static Map<String, Long> keyed(JsonNode items) {
    Map<String, Long> byKey = new LinkedHashMap<>();
    items.forEach(i -> byKey.put(i.get("key").asText(), i.get("mentions").asLong()));
    return byKey;
  }

  private static double figure(JsonNode snapshot, String name) {
    JsonNode value = snapshot.get("figures").get(name).get("value");
    assertThat(value.isNumber()).as(name + " shown as a number: " + snapshot).isTrue();
    return value.asDouble();
  }

  private static boolean commandWorks(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Lines start(ProcessBuilder builder, String name) {
    try {
      return new Lines(builder.start(), name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + builder.command(), e);
    }
  }

  /**
   * A child process whose output lines are echoed to this test's output and queued; waits are
   * bounded by {@link #DEADLINE}. Closing stops the process (SIGTERM, then SIGKILL).
   */
  private static final class Lines implements AutoCloseable {
    private final Process process;
    private final String name;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final long deadline = System.nanoTime() + DEADLINE.toNanos();

    Lines(Process process, String name) {
      this.process = process;
      this.name = name;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println(name + "> " + line);
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // the process went away: waits fail on their deadline or on its exit
                }
              },
              name + "-output");
      reader.setDaemon(true);
      reader.start();
    }

    String awaitPrefix(String prefix) throws InterruptedException {
      return await("a line starting with '" + prefix + "'", l -> l.startsWith(prefix));
    }

    JsonNode awaitEvent(String event) throws Exception {
      String line =
          await(
              "event " + event,
              l -> l.startsWith("{") && (l.contains("\"event\":\"" + event + "\"") || isError(l)));
      JsonNode node = Json.mapper().readTree(line);
      if (!event.equals(node.get("event").asText())) {
        fail("%s failed: %s", name, node.get("message"));
      }
      return node;
    }

    private static boolean isError(String line) {
      return line.contains("\"event\":\"error\"");
    }

    private String await(String what, Predicate<String> match) throws InterruptedException {
      while (true) {
        long left = deadline - System.nanoTime();
        String line = lines.poll(Math.max(0, Math.min(left, 500_000_000L)), TimeUnit.NANOSECONDS);
        if (line != null) {
          seen.add(line);
          if (match.test(line)) {
            return line;
          }
        } else if (!process.isAlive() && lines.isEmpty()) {
          fail("%s exited (%d) before %s; it printed:%n%s", name, process.exitValue(), what, seen);
        } else if (left <= 0) {
          fail("%s: no %s within %s; it printed:%n%s", name, what, DEADLINE, seen);
        }
      }
    }

    void send(String line) throws IOException {
      Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      in.write(line + "\n");
      in.flush();
    }

    int awaitExit() throws InterruptedException {
      long left = deadline - System.nanoTime();
      if (!process.waitFor(Math.max(1, left), TimeUnit.NANOSECONDS)) {
        fail("%s did not exit within %s", name, DEADLINE);
      }
      return process.exitValue();
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
