package io.newsflow.aggregate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * What a commit-hook buffer ({@link FacetDeltaBuffer}, {@link StoryBatchBuffer}) hands over,
 * grouped by the partition of the topic each entry goes to: each group is sent as one batch, in the
 * order its entries were added, with the origin of its first entry; a group is sent as soon as it
 * holds {@code maxEntries} entries or about {@code maxBytes} (by {@code sizeOf}, an upper bound),
 * and what is left at {@link #finish}. The batch handed to {@code send} is reused afterwards: copy
 * it.
 *
 * @param <E> an entry
 */
final class PartitionGroups<E> {
  private final int maxEntries;
  private final long maxBytes;
  private final ToLongFunction<E> sizeOf;
  private final BiConsumer<List<E>, ProcessorRecordContext> send;
  private final Map<Integer, Group<E>> groups = new LinkedHashMap<>();

  PartitionGroups(
      int maxEntries,
      long maxBytes,
      ToLongFunction<E> sizeOf,
      BiConsumer<List<E>, ProcessorRecordContext> send) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.sizeOf = sizeOf;
    this.send = send;
  }

  /** The entries bound for one partition, and where the first came from. */
  private static final class Group<E> {
    final List<E> entries = new ArrayList<>();
    ProcessorRecordContext origin;
    long bytes;
  }

  /** Adds {@code entry}, bound for {@code partition}, from {@code origin}. */
  void add(int partition, E entry, ProcessorRecordContext origin) {
    Group<E> group = groups.computeIfAbsent(partition, p -> new Group<>());
    if (group.entries.isEmpty()) {
      group.origin = origin;
    }
    group.entries.add(entry);
    group.bytes += sizeOf.applyAsLong(entry);
    if (group.entries.size() >= maxEntries || group.bytes >= maxBytes) {
      send.accept(group.entries, group.origin);
      group.entries.clear();
      group.bytes = 0;
    }
  }

  /** Sends every group not sent yet. */
  void finish() {
    for (Group<E> group : groups.values()) {
      if (!group.entries.isEmpty()) {
        send.accept(group.entries, group.origin);
      }
    }
  }
}
