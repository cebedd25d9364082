package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether an article is the first of its text or a republished copy. */
public enum Verdict {
  /** First article seen with this text within the dedup horizon. */
  ORIGINAL,
  /** Same normalised body as an earlier article under another id. */
  EXACT,
  /** Body similar to an earlier original's (MinHash estimate at or above the threshold). */
  NEAR;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Verdict fromJson(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
