package io.newsflow.enrich.decide;

/**
 * The prepare step's work on one raw record, without its side effects: what the decide step uses to
 * prepare again the articles it had received but not decided when its task stopped.
 */
@FunctionalInterface
public interface Preparer {
  /**
   * The article of {@code raw} as the prepare step prepares it, or null for a record it sends to
   * the dead-letter topic (never sent again from here).
   *
   * @param nowMs the wall-clock time to validate against and to stamp as the enrichment time
   */
  DecideInput.Prepared prepare(RawLogEnds.RawRecord raw, long nowMs);
}
