package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.testkit.GoldenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's sample output of {@code ./newsflow demo --once} is what the demo prints: a real run
 * on the seeds with a fresh data directory, in a child JVM through the launcher ({@code
 * Newsflow.main}, logging with the product's {@code log4j2.xml}, to stderr), its stdout compared
 * with the fenced block after "`./newsflow demo --once` prints" in {@code README.md}.
 *
 * <p>Normalised, and only this: the broker and API ports (the test takes free ones; the README
 * shows the defaults 9092 and 8081), the data directory (a temporary one; the README shows {@code
 * /home/you/newsflow/newsflow-data}) and, on the {@code ingest:} line, the size, seconds and rate:
 * the seconds and rate are timings, and the size varies by a few bytes with each article's {@code
 * ingestedAt} text (an ISO instant drops trailing zeros). Every count, name and order is compared
 * as is. When the demo's output changes on purpose, rewrite the block with {@code
 * -Dnewsflow.golden.update=true} and commit README.md. The run's stderr (the log) must hold no
 * ERROR line.
 */
class ReadmeSampleIT {
  static final Path README = Path.of("..", "README.md");
  private static final String INTRO = "`./newsflow demo --once` prints";
  private static final String README_DATA = "/home/you/newsflow/newsflow-data";
  private static final Pattern BROKER_PORT =
      Pattern.compile("broker: embedded Kafka \\(KRaft\\) at 127\\.0\\.0\\.1:(\\d+),");
  private static final Pattern API_PORT =
      Pattern.compile("query API: http://127\\.0\\.0\\.1:(\\d+)/");
  private static final Pattern INGEST_FIGURES =
      Pattern.compile(
          "(?m)^(ingest: sent \\d+, failed \\d+, invalid input \\d+), [\\d.,]+ KB in [\\d.,]+ s"
              + " \\([\\d.,]+ articles/s\\)$");

  @Test
  void shouldPrintTheReadmeSampleWhenTheDemoRunsOnceOnTheSeeds(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("newsflow-data");
    String printed = demo(dir, data);
    String actual = asInReadme(printed, data);

    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int[] block = sampleBlock(readme);
    if (Boolean.getBoolean(GoldenFile.UPDATE)) {
      readme = readme.substring(0, block[0]) + actual + readme.substring(block[1]);
      Files.writeString(README, readme, StandardCharsets.UTF_8);
      block = sampleBlock(readme);
    }
    String shown = readme.substring(block[0], block[1]);

    List<String> expected = lines(varyingHidden(shown));
    List<String> got = lines(varyingHidden(actual));
    assertThat(got)
        .as(
            "README.md's sample output of `./newsflow demo --once` differs from a real run"
                + " (- README, + demo):%n%s%nIf the demo's output changed on purpose, rewrite the"
                + " block: ./mvnw -pl app -am verify -Dit.test=ReadmeSampleIT -Dtest=none"
                + " -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dfailsafe.failIfNoSpecifiedTests=false -D%s=true, and commit README.md",
            diff(expected, got), GoldenFile.UPDATE)
        .isEqualTo(expected);
  }

  /** Runs {@code demo --once} on the seeds in a child JVM; returns its stdout. */
  private static String demo(Path dir, Path data) throws Exception {
    Path out = dir.resolve("demo.out");
    Path err = dir.resolve("demo.err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx1g",
                // The product's logging (stderr, WARN), not the tests' (stdout).
                "-Dlog4j2.configurationFile=log4j2.xml",
                "-cp",
                System.getProperty("java.class.path"),
                Newsflow.class.getName(),
                "demo",
                "--once",
                "--broker-port",
                "0",
                "--api-port",
                "0",
                "--data-dir",
                data.toString(),
                "--seeds",
                PipelineIT.SEEDS.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean exited = p.waitFor(4, TimeUnit.MINUTES);
    if (!exited) {
      p.destroyForcibly();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    System.out.printf("----- demo stdout -----%n%s----- demo stderr -----%n%s", stdout, stderr);
    assertThat(exited).as("demo exited within 4 min").isTrue();
    assertThat(p.exitValue()).as("demo exit code; stderr:%n%s", stderr).isZero();
    // What a newcomer sees next to the sample: no ERROR in the log.
    assertThat(stderr.lines().filter(l -> l.matches("\\S+ ERROR .*")).toList())
        .as("ERROR lines on stderr")
        .isEmpty();
    return stdout;
  }

  /** The demo's output with this run's ports and data directory replaced by the README's. */
  static String asInReadme(String printed, Path data) {
    String s = printed.replace("\r\n", "\n");
    s = replacePort(s, BROKER_PORT, "9092");
    s = replacePort(s, API_PORT, "8081");
    s = s.replace(data.toAbsolutePath().toString(), README_DATA);
    return s.endsWith("\n") ? s : s + "\n";
  }

  private static String replacePort(String s, Pattern where, String readmePort) {
    Matcher m = where.matcher(s);
    assertThat(m.find()).as("%s in:%n%s", where, s).isTrue();
    return s.replaceAll("127\\.0\\.0\\.1:" + m.group(1) + "(?!\\d)", "127.0.0.1:" + readmePort);
  }

  /** The timings and the size on the ingest line, which differ from run to run. */
  static String varyingHidden(String s) {
    return INGEST_FIGURES.matcher(s).replaceAll("$1, <size> KB in <seconds> s (<rate> articles/s)");
  }

  /** Start and end offsets of the content of the fenced block after the intro line. */
  static int[] sampleBlock(String readme) throws IOException {
    int intro = readme.indexOf(INTRO);
    assertThat(intro).as("README.md has no line with %s", INTRO).isNotNegative();
    int open = readme.indexOf("\n```\n", intro);
    assertThat(open).as("no ``` block after %s", INTRO).isNotNegative();
    int start = open + "\n```\n".length();
    int end = readme.indexOf("```\n", start);
    assertThat(end).as("the ``` block after %s is not closed", INTRO).isPositive();
    return new int[] {start, end};
  }

  private static List<String> lines(String s) {
    return List.of(s.split("\n", -1));
  }

  /**
   * A line diff (longest common subsequence): "- " lines only in the README, "+ " only in the run.
   */
  static String diff(List<String> a, List<String> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        out.add("  " + a.get(i++));
        j++;
      } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
        out.add("+ " + b.get(j++));
      } else {
        out.add("- " + a.get(i++));
      }
    }
    return String.join("\n", out);
  }
}
