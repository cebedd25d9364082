package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code newsflow serve} option handling, before anything connects to Kafka. */
class ServeCommandTest {

  @Test
  void shouldAskForASourceWhenNoneIsGiven() {
    StringWriter err = new StringWriter();
    CommandLine cli = Newsflow.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("serve");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("give at least one source: --feeds FILE, --http-port N, --watch DIR");
  }

  @Test
  void shouldReportTheFileAndLineWhenTheFeedListIsInvalid(@TempDir Path dir) throws Exception {
    Path list = dir.resolve("feeds.txt");
    Files.writeString(list, "https://ok.example/rss\nhttps://bad.example/rss interval=often\n");
    StringWriter err = new StringWriter();
    CommandLine cli = Newsflow.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("serve", "--feeds", list.toString(), "-b", "127.0.0.1:1");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains(list + ":2: interval=often is not a duration");
  }

  @Test
  void shouldListServeWhenTheLauncherPrintsItsCommands() {
    assertThat(Newsflow.commandLine().getSubcommands()).containsKey("serve");
    assertThat(Newsflow.commandLine().getSubcommands().get("demo").getCommandSpec().optionsMap())
        .containsKey("--feeds");
  }

  @Test
  void shouldParseBinarySizesWhenGivenWithOrWithoutUnit() {
    assertThat(ServeCommand.parseSize("--x", "1048576")).isEqualTo(1_048_576);
    assertThat(ServeCommand.parseSize("--x", "512KiB")).isEqualTo(512 * 1024);
    assertThat(ServeCommand.parseSize("--x", "1MiB")).isEqualTo(1024 * 1024);
    assertThat(ServeCommand.parseSize("--x", "2mb")).isEqualTo(2 * 1024 * 1024);
    assertThatThrownBy(() -> ServeCommand.parseSize("--http-max-body", "lots"))
        .hasMessageContaining("--http-max-body lots is not a size");
  }
}
