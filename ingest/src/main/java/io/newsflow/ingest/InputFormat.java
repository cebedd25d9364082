package io.newsflow.ingest;

import java.nio.file.Path;
import java.util.Locale;

/** The input formats ingest reads. */
public enum InputFormat {
  /** Plain text of one news page per file (the {@code seeds/} format). */
  TEXT,
  /** JSON Lines: one {@link Article} JSON object per line. */
  JSONL,
  /** Chosen from the file extension. */
  AUTO;

  /** The format of a file from its extension, or null when the extension is not one we read. */
  static InputFormat ofFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".txt")) {
      return TEXT;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JSONL;
    }
    return null;
  }
}
