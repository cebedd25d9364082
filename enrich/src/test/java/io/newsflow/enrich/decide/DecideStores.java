package io.newsflow.enrich.decide;

import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.enrich.EnrichTopology;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;

/**
 * The decide step's three stores for tests that drive {@link DecideProcessor} directly: real
 * in-memory stores without changelogs. Kept across a stop, they stand for the state committed
 * before it (a new context is made for the task that starts again).
 */
public final class DecideStores {
  private DecideStores() {}

  /** {@code decide-buffer}, {@code decide-progress}, {@code decide-log}: empty, initialised. */
  public static List<StateStore> inMemory() {
    MockProcessorContext<String, EnrichedArticle> init = new MockProcessorContext<>();
    List<StateStore> stores =
        List.of(
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(EnrichTopology.DECIDE_BUFFER_STORE),
                    Serdes.String(),
                    DecideInput.SERDE)
                .withLoggingDisabled()
                .build(),
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(EnrichTopology.DECIDE_PROGRESS_STORE),
                    Serdes.Integer(),
                    Progress.SERDE)
                .withLoggingDisabled()
                .build(),
            Stores.windowStoreBuilder(
                    Stores.inMemoryWindowStore(
                        EnrichTopology.DECIDE_LOG_STORE,
                        Duration.ofDays(28),
                        Duration.ofDays(14),
                        false),
                    Serdes.String(),
                    Decided.SERDE)
                .withLoggingDisabled()
                .build());
    stores.forEach(s -> s.init(init.getStateStoreContext(), s));
    return stores;
  }

  /** A context for the decide processor holding {@code stores}, its clock at {@code nowMs}. */
  public static MockProcessorContext<String, EnrichedArticle> context(
      List<StateStore> stores, long nowMs) {
    MockProcessorContext<String, EnrichedArticle> context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(nowMs);
    stores.forEach(context::addStateStore);
    return context;
  }
}
