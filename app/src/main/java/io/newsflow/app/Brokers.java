package io.newsflow.app;

import io.newsflow.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * Starts the embedded broker the way the launcher's commands do, and says where it is; picks ports.
 */
final class Brokers {
  private Brokers() {}

  /**
   * Starts a broker with its log in {@code dataDir/broker} on {@code port}; when that port is taken
   * a free one is used instead, and printed.
   */
  static EmbeddedKafkaBroker start(Path dataDir, int port, PrintStream out) {
    int chosen = freeOr(port);
    if (chosen != port) {
      out.println("port " + port + " is in use; picking a free port");
    }
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder(dataDir.resolve("broker")).port(chosen).build();
    broker.start();
    out.println(
        "broker: embedded Kafka (KRaft) at "
            + broker.bootstrapServers()
            + ", data in "
            + broker.dataDir());
    out.println("  outside clients: kcat -b " + broker.bootstrapServers() + " -L");
    return broker;
  }

  /** {@code port} when it is free (or 0), else 0: the caller then binds any free port. */
  static int freeOr(int port) {
    return port == 0 || isFree(port) ? port : 0;
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
