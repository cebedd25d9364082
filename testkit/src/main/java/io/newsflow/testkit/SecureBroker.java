package io.newsflow.testkit;

import io.newsflow.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EmbeddedKafkaBroker} with a {@code SASL_SSL} listener (TLS, SCRAM-SHA-512), for tests:
 * a key pair and a self-signed certificate for 127.0.0.1 made at test time with the JDK's {@code
 * keytool} (nothing is committed), a SCRAM user created when the broker formats its directory, and
 * client properties files such as a user passes to {@code --command-config}.
 */
public final class SecureBroker implements AutoCloseable {
  public static final String LISTENER = "SASL_SSL";
  public static final String MECHANISM = "SCRAM-SHA-512";
  public static final String USER = "newsflow-app";

  /** Random per run, so that a test can look for them in logs. */
  public final String password = "pw-" + UUID.randomUUID();

  public final String storePassword = "store-" + UUID.randomUUID();
  public final EmbeddedKafkaBroker broker;
  private final Path dir;

  public SecureBroker(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      Path keystore = dir.resolve("broker.p12");
      Path cert = dir.resolve("broker.pem");
      Path truststore = dir.resolve("truststore.p12");
      keytool(
          "-genkeypair",
          "-alias",
          "broker",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "2",
          "-dname",
          "CN=localhost",
          "-ext",
          "SAN=ip:127.0.0.1,dns:localhost",
          "-storetype",
          "PKCS12",
          "-keystore",
          keystore.toString(),
          "-storepass",
          storePassword,
          "-keypass",
          storePassword);
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          "broker",
          "-keystore",
          keystore.toString(),
          "-storepass",
          storePassword,
          "-file",
          cert.toString());
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          "broker",
          "-file",
          cert.toString(),
          "-storetype",
          "PKCS12",
          "-keystore",
          truststore.toString(),
          "-storepass",
          storePassword);
      String prefix = "listener.name." + LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
      broker =
          TestBrokers.builder(dir.resolve("data"))
              .listener(LISTENER, "SASL_SSL")
              .scramUser(MECHANISM, USER, password)
              .properties(
                  Map.of(
                      "sasl.enabled.mechanisms",
                      MECHANISM,
                      prefix + "sasl.enabled.mechanisms",
                      MECHANISM,
                      prefix + "scram-sha-512.sasl.jaas.config",
                      "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                      prefix + "ssl.keystore.type",
                      "PKCS12",
                      prefix + "ssl.keystore.location",
                      keystore.toString(),
                      prefix + "ssl.keystore.password",
                      storePassword,
                      prefix + "ssl.key.password",
                      storePassword))
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SecureBroker start() {
    broker.start();
    return this;
  }

  /** {@code 127.0.0.1:PORT} of the SASL_SSL listener. */
  public String bootstrapServers() {
    return broker.bootstrapServers(LISTENER);
  }

  /** A client properties file for the SASL_SSL listener, logging in with {@code pw}. */
  public Path clientProperties(String name, String pw) {
    Path file = dir.resolve(name);
    String text =
        String.join(
            "\n",
            "# newsflow --command-config: TLS + SASL/SCRAM",
            "security.protocol=SASL_SSL",
            "sasl.mechanism=" + MECHANISM,
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\",
            "  username=\"" + USER + "\" password=\"" + pw + "\";",
            "ssl.truststore.type=PKCS12",
            "ssl.truststore.location=" + dir.resolve("truststore.p12"),
            "ssl.truststore.password=" + storePassword,
            "");
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    broker.close();
  }
}
