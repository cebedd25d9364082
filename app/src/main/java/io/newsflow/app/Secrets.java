package io.newsflow.app;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Masks secrets in settings before they are logged or printed: {@code sasl.jaas.config} (it holds
 * the SASL password), every {@code *.password}, keys and tokens such as {@code ssl.keystore.key} or
 * {@code sasl.oauthbearer.client.credentials.client.secret}. Kafka masks the settings it logs
 * itself; this is for newsflow's own lines.
 */
public final class Secrets {
  public static final String MASK = "[hidden]";

  private Secrets() {}

  /** True for a setting whose value must not appear in logs. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("jaas")
        || k.contains("password")
        || k.contains("secret")
        || k.contains("token")
        || k.contains("credential")
        || k.contains("user.info")
        || k.endsWith(".key")
        || k.endsWith("key.pem")
        || k.contains("apikey")
        || k.contains("api.key");
  }

  /** The settings, sorted by key, with every secret value replaced by {@value #MASK}. */
  public static Map<String, String> masked(Map<?, ?> settings) {
    Map<String, String> out = new TreeMap<>();
    settings.forEach(
        (k, v) -> {
          String key = String.valueOf(k);
          out.put(key, isSecret(key) ? MASK : String.valueOf(v));
        });
    return out;
  }
}
