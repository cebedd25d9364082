package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void shouldMaskPasswordsJaasConfigAndKeysWhenSettingsAreLogged() {
    Map<String, String> settings =
        Map.of(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\""
                + " password=\"p4ss\";",
            "ssl.truststore.password",
            "t-pass",
            "producer.ssl.keystore.password",
            "k-pass",
            "ssl.keystore.key",
            "-----BEGIN PRIVATE KEY-----",
            "sasl.oauthbearer.client.credentials.client.secret",
            "s3cret",
            "security.protocol",
            "SASL_SSL",
            "sasl.mechanism",
            "SCRAM-SHA-512",
            "ssl.truststore.location",
            "/etc/kafka/trust.p12");

    String logged = Secrets.masked(settings).toString();

    assertThat(logged)
        .doesNotContain("p4ss", "t-pass", "k-pass", "PRIVATE KEY", "s3cret")
        .contains("security.protocol=SASL_SSL")
        .contains("sasl.mechanism=SCRAM-SHA-512")
        .contains("ssl.truststore.location=/etc/kafka/trust.p12")
        .contains("sasl.jaas.config=" + Secrets.MASK);
  }
}
