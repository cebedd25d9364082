package io.newsflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A committed snapshot a test compares with, such as a topology's {@code describe()}: it pins every
 * processor, store and internal topic name, so a rename (which silently resets production state)
 * fails the build until the snapshot is rewritten on purpose with {@code
 * -Dnewsflow.golden.update=true}.
 */
public final class GoldenFile {
  /** The system property that rewrites snapshots instead of comparing with them. */
  public static final String UPDATE = "newsflow.golden.update";

  private GoldenFile() {}

  /** Fails unless {@code actual} equals the snapshot at {@code golden}; rewrites it on update. */
  public static void assertMatches(Path golden, String actual) {
    try {
      if (Boolean.getBoolean(UPDATE)) {
        Files.createDirectories(golden.toAbsolutePath().getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      }
      if (!Files.isRegularFile(golden)) {
        throw new AssertionError(
            golden + " is missing: run the test once with -D" + UPDATE + "=true and commit it");
      }
      assertEquals(
          Files.readString(golden, StandardCharsets.UTF_8),
          actual,
          golden
              + " differs (a rename resets production state; if deliberate, rerun with -D"
              + UPDATE
              + "=true, commit the file and write the upgrade note)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
