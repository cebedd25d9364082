package io.newsflow.aggregate;

import java.util.Map;

/**
 * Settings of the aggregate topology. Version 1 has none of its own: all-time counts need no
 * retention. Windows, top-N and trending settings join here ({@code newsflow.aggregate.*}).
 */
public record AggregateConfig() {
  public static AggregateConfig defaults() {
    return new AggregateConfig();
  }

  public static AggregateConfig from(Map<String, ?> props) {
    return defaults();
  }
}
