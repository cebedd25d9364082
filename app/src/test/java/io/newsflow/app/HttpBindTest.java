package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsflow.kit.HttpService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The HTTP endpoints (serve's POST /articles and /metrics, enrich's /metrics and /health,
 * aggregate's query API and live page, the demo's) listen on 127.0.0.1 unless told otherwise with
 * {@code --http-bind}; every command that talks to a cluster takes {@code --command-config}.
 */
class HttpBindTest {

  @Test
  void shouldBindToLoopbackByDefaultAndToTheGivenAddressWhenHttpBindIsSet() {
    ServeCommand serve = parse(new ServeCommand());
    EnrichCommand enrich = parse(new EnrichCommand());
    AggregateCommand aggregate = parse(new AggregateCommand());
    DemoCommand demo = parse(new DemoCommand());
    ServeCommand serveAll = parse(new ServeCommand(), "--http-bind", "0.0.0.0");
    EnrichCommand enrichAll = parse(new EnrichCommand(), "--http-bind", "0.0.0.0");
    AggregateCommand aggregateAll = parse(new AggregateCommand(), "--http-bind", "0.0.0.0");
    DemoCommand demoAll = parse(new DemoCommand(), "--http-bind", "0.0.0.0");

    assertThat(new String[] {serve.httpHost, enrich.httpHost, aggregate.httpHost, demo.httpBind})
        .containsOnly("127.0.0.1");
    assertThat(
            new String[] {
              serveAll.httpHost, enrichAll.httpHost, aggregateAll.httpHost, demoAll.httpBind
            })
        .containsOnly("0.0.0.0");
  }

  @Test
  void shouldAdvertiseTheHostNameNotTheWildcardWhenAggregateBindsEveryInterface() throws Exception {
    assertThat(AggregateCommand.advertised("127.0.0.1", null)).isEqualTo("127.0.0.1");
    assertThat(AggregateCommand.advertised("0.0.0.0", "agg-1.example")).isEqualTo("agg-1.example");
    assertThat(AggregateCommand.advertised("0.0.0.0", null))
        .isEqualTo(InetAddress.getLocalHost().getHostName())
        .isNotEqualTo("0.0.0.0");
  }

  @Test
  void shouldBeUnreachableFromOtherInterfacesWhenBoundToLoopbackAndReachableWhenBoundToAll()
      throws Exception {
    Optional<InetAddress> outside = nonLoopbackAddress();
    assumeTrue(
        outside.isPresent(),
        "this machine has no non-loopback IPv4 address: cannot check what the bind address hides");
    InetAddress address = outside.orElseThrow();
    String loopbackDefault = parse(new ServeCommand()).httpHost;

    try (HttpService local = HttpService.builder(loopbackDefault, 0).route("/x", e -> {}).start();
        HttpService all = HttpService.builder("0.0.0.0", 0).route("/x", e -> {}).start()) {
      assertThat(connects(InetAddress.getLoopbackAddress(), local.port())).isTrue();
      assertThat(connects(address, local.port()))
          .as("127.0.0.1-bound port %d reached through %s", local.port(), address)
          .isFalse();
      assertThat(connects(address, all.port())).isTrue();
    }
  }

  @Test
  void shouldTakeCommandConfigWhenACommandTalksToACluster(@TempDir Path dir) {
    String file = dir.resolve("client.properties").toString();
    for (String command : new String[] {"ingest", "serve", "enrich", "aggregate", "dump", "demo"}) {
      CommandLine cli = Newsflow.commandLine();
      CommandLine sub = cli.getSubcommands().get(command);
      assertThat(sub.getCommandSpec().findOption("--command-config"))
          .as("%s --command-config", command)
          .isNotNull();
    }
    StringWriter err = new StringWriter();
    CommandLine cli = Newsflow.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("dump", "--command-config", file, "--out", dir.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("cannot read --command-config " + file);
  }

  @Test
  void shouldRefuseCommandConfigWhenTheDemoRunsItsOwnPlaintextBroker(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    CommandLine cli = Newsflow.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int exit =
        cli.execute(
            "demo",
            "--command-config",
            dir.resolve("c.properties").toString(),
            "--data-dir",
            dir.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("--command-config needs --bootstrap-servers");
    assertThatThrownBy(() -> ClientProperties.load(dir.resolve("missing")))
        .hasMessageContaining("cannot read --command-config");
  }

  private static <T> T parse(T command, String... args) {
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private static boolean connects(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }
}
