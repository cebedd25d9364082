package io.newsflow.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.regex.Pattern;

/** Checks on a topology's {@code describe()} text shared by the topology snapshot tests. */
public final class TopologyNames {
  /** What Kafka Streams names a node, store or topic that the code left unnamed. */
  public static final Pattern GENERATED = Pattern.compile("KSTREAM-|KTABLE-|-\\d{10}|-0000000");

  private TopologyNames() {}

  /** Fails when any processor, store or internal topic got a generated (index-based) name. */
  public static void assertNoneGenerated(String description) {
    assertFalse(GENERATED.matcher(description).find(), "auto-generated name in\n" + description);
  }
}
