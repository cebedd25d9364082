package io.newsflow.kit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.DeadLetters;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one count of dead letters of a Streams app, {@code <name>} {stage, field}: every record sent
 * to the dead-letter topic, whichever step sent it ({@value DeadLetters#STAGE_DESERIALIZE}, {@value
 * DeadLetters#STAGE_VALIDATE}, {@value DeadLetters#STAGE_PROCESS}, {@value
 * DeadLetters#STAGE_PRODUCE}); {@code field} is the field a reason names ({@code field 'body'}),
 * else {@code none}. Every stage is registered at zero up front, so a dashboard shows zero rather
 * than nothing before the first dead letter.
 *
 * <p>Kafka Streams creates its exception handlers itself, from class names, and hands them the
 * app's configs in {@code configure}: so the meter travels to them in the app's Streams properties,
 * under {@link #CONFIG} ({@link #attach}), as an object. That keeps one meter per app (the demo
 * runs enrich and aggregate in one JVM, each with its own name) without a static registry. Kafka
 * Streams hands its clients only the keys they know, so the object never reaches a producer or
 * consumer. A handler configured without it (a test's own settings) counts nothing.
 */
public final class DeadLetterMeter {
  /** The Streams properties key under which the handlers find the app's meter. */
  public static final String CONFIG = "newsflow.dead.letters.meter";

  private static final Pattern FIELD = Pattern.compile("field '(\\w+)'");
  private static final DeadLetterMeter NONE = new DeadLetterMeter(null, null);

  private final MeterRegistry registry;
  private final String name;

  private DeadLetterMeter(MeterRegistry registry, String name) {
    this.registry = registry;
    this.name = name;
  }

  /**
   * The meter {@code name} (e.g. {@code newsflow.enrich.dead.letters}, shown on {@code /metrics} as
   * {@code newsflow_enrich_dead_letters_total}) in {@code registry}, every stage at zero.
   */
  public static DeadLetterMeter of(MeterRegistry registry, String name) {
    DeadLetterMeter meter = new DeadLetterMeter(registry, name);
    for (String stage :
        new String[] {
          DeadLetters.STAGE_DESERIALIZE,
          DeadLetters.STAGE_VALIDATE,
          DeadLetters.STAGE_PROCESS,
          DeadLetters.STAGE_PRODUCE
        }) {
      meter.counter(stage, "none");
    }
    return meter;
  }

  /** Puts {@code meter} into an app's Streams properties, for its dead-letter handlers. */
  public static Properties attach(Properties streamsProps, DeadLetterMeter meter) {
    streamsProps.put(CONFIG, meter);
    return streamsProps;
  }

  /** The meter in a handler's configs; one that counts nothing when there is none. */
  static DeadLetterMeter from(Map<String, ?> configs) {
    return configs.get(CONFIG) instanceof DeadLetterMeter meter ? meter : NONE;
  }

  /** Counts one dead letter of {@code stage}, for {@code reason} (its header). */
  public void count(String stage, String reason) {
    if (registry == null) {
      return;
    }
    Matcher m = FIELD.matcher(reason == null ? "" : reason);
    counter(stage, m.find() ? m.group(1) : "none").increment();
  }

  private Counter counter(String stage, String field) {
    return Counter.builder(name)
        .description("Records sent to the dead-letter topic, per stage and field at fault")
        .tags("stage", stage, "field", field)
        .register(registry);
  }

  @Override
  public String toString() {
    return "DeadLetterMeter[" + name + "]";
  }
}
