package io.newsflow.aggregate;

import java.time.Duration;
import java.util.Locale;

/** The count windows: all-time, and tumbling hour and day windows in event time. */
public enum Window {
  ALL("all", null),
  HOUR("1h", Duration.ofHours(1)),
  DAY("1d", Duration.ofDays(1));

  private final String id;
  private final Duration size;

  Window(String id, Duration size) {
    this.id = id;
    this.size = size;
  }

  public String id() {
    return id;
  }

  /** Window length; null for all-time. */
  public Duration size() {
    return size;
  }

  /** Parses {@code all}, {@code 1h} or {@code 1d}. */
  public static Window of(String id) {
    for (Window w : values()) {
      if (w.id.equals(id.toLowerCase(Locale.ROOT))) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown window '" + id + "': expected all, 1h or 1d");
  }
}
