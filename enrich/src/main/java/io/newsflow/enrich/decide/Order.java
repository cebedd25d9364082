package io.newsflow.enrich.decide;

/**
 * The order rule of the decide step: articles are decided by record timestamp, then by article id
 * ({@link String#compareTo}); of a pair, the earlier is the original. The rule depends on the
 * records alone, so every partition count, instance count, restart or arrival interleaving gives
 * the same order.
 */
public final class Order {
  private Order() {}

  /** Negative when (timeA, idA) comes first. */
  public static int compare(long timeA, String idA, long timeB, String idB) {
    int c = Long.compare(timeA, timeB);
    return c != 0 ? c : idA.compareTo(idB);
  }
}
