package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What a newcomer reads first: {@code ./newsflow --help} and each command's {@code --help} print no
 * picocli warning, the command list gives each command one line that is one whole sentence, and the
 * README's Commands table renders as a table and lists every command.
 *
 * <p>Help runs in a child JVM per command, through {@code Newsflow.main}: picocli writes its
 * warnings (an unescaped {@code %} in a description, say) to the {@code System.err} it saw when it
 * was loaded, which in this JVM is not the one a test could swap in.
 */
class HelpTextTest {
  private static final Pattern COMMAND_ROW = Pattern.compile("^  (\\S+)\\s{2,}(\\S.*)$");

  @Test
  void shouldPrintHelpWithoutWarningsWhenAskedForTheLauncherOrAnyCommand() throws Exception {
    List<List<String>> invocations = new ArrayList<>();
    invocations.add(List.of("--help"));
    for (String command : subcommands()) {
      invocations.add(List.of(command, "--help"));
    }
    for (List<String> args : invocations) {
      Run run = launch(args);
      assertThat(run.exit()).as("exit code of newsflow %s", args).isZero();
      assertThat(run.err()).as("stderr of newsflow %s", args).isEmpty();
      assertThat(run.out())
          .as("stdout of newsflow %s", args)
          .contains("Usage: newsflow")
          .doesNotContain("picocli WARN", "picocli ERROR");
    }
  }

  @Test
  void shouldSummariseEachCommandInOneLineOfOneWholeSentenceWhenTheLauncherListsThem()
      throws Exception {
    Map<String, String> rows = commandRows(launch(List.of("--help")).out());

    assertThat(rows.keySet()).containsExactlyElementsOf(subcommands());
    CommandLine cli = Newsflow.commandLine();
    rows.forEach(
        (command, summary) -> {
          // picocli lists a command by its header, else by the first line of its description.
          var usage = cli.getSubcommands().get(command).getCommandSpec().usageMessage();
          String[] first = usage.header().length > 0 ? usage.header() : usage.description();
          assertThat(first).as("description of %s", command).isNotEmpty();
          assertThat(summary)
              .as("the summary line of %s is its whole first description line", command)
              .isEqualTo(first[0]);
          assertThat(summary)
              .as("summary of %s: one sentence", command)
              .matches("[A-Z][^.]*(\\.[^ .][^.]*)*\\.");
        });
  }

  @Test
  void shouldListEveryCommandInTheReadmeTableWhenTheTableRenders() throws Exception {
    List<String> readme = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("## Commands");
    assertThat(section).as("README.md has a '## Commands' section").isNotNegative();
    List<List<String>> tables = new ArrayList<>();
    List<String> table = null;
    for (String line : readme.subList(section + 1, readme.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (line.startsWith("|")) {
        if (table == null) {
          table = new ArrayList<>();
          tables.add(table);
        }
        table.add(line);
      } else {
        table = null;
      }
    }
    assertThat(tables).as("tables in the Commands section").hasSize(2);
    for (List<String> t : tables) {
      assertThat(t.get(1)).as("header separator").matches("\\|(---\\|)+");
      int columns = cells(t.get(0)).size();
      assertThat(t)
          .as("every row of the table has the header's %d columns", columns)
          .allSatisfy(
              row -> {
                assertThat(row).endsWith("|");
                assertThat(cells(row)).hasSize(columns);
              });
    }
    Set<String> listed = new TreeSet<>();
    for (String row : tables.get(0).subList(2, tables.get(0).size())) {
      Matcher m = Pattern.compile("^\\| `([a-z-]+)").matcher(row);
      assertThat(m.find()).as("row names a command: %s", row).isTrue();
      listed.add(m.group(1));
    }
    Set<String> commands = new TreeSet<>(subcommands());
    commands.remove("help");
    assertThat(listed).as("commands in the README table").isEqualTo(commands);
  }

  /** The launcher's subcommands, in its order. */
  private static List<String> subcommands() {
    return new ArrayList<>(Newsflow.commandLine().getSubcommands().keySet());
  }

  /** The Commands section of the launcher's help: name -> summary; a wrapped line fails. */
  private static Map<String, String> commandRows(String help) {
    List<String> lines = help.lines().toList();
    int start = lines.indexOf("Commands:");
    assertThat(start).as("a Commands: section in%n%s", help).isNotNegative();
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.isBlank()) {
        break;
      }
      Matcher m = COMMAND_ROW.matcher(line);
      assertThat(m.matches())
          .as("a line of its own per command, not wrapped: '%s' in%n%s", line, help)
          .isTrue();
      rows.put(m.group(1), m.group(2));
    }
    return rows;
  }

  /** The cells of a Markdown table row; {@code \|} is a pipe inside a cell. */
  private static List<String> cells(String row) {
    String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
    return List.of(inner.split("(?<!\\\\)\\|", -1));
  }

  private record Run(int exit, String out, String err) {}

  private static Run launch(List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Newsflow.class.getName());
    command.addAll(args);
    Path out = Files.createTempFile("help", ".out");
    Path err = Files.createTempFile("help", ".err");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("newsflow %s finished", args).isTrue();
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
