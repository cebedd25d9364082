package io.newsflow.aggregate.query;

import io.newsflow.aggregate.AggregateTopology;
import io.newsflow.aggregate.Facet;
import io.newsflow.aggregate.FacetCount;
import io.newsflow.aggregate.StoryFacet;
import io.newsflow.aggregate.StorySummary;
import io.newsflow.aggregate.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads this instance's count stores: counts of a key, a key's time series, top-N and trending keys
 * of a facet. Each answer covers only the keys this instance owns; {@link QueryApi} routes and
 * merges across instances.
 */
public final class CountsReader {
  /** Gives access to a local store (KafkaStreams#store, or a test driver's stores). */
  @FunctionalInterface
  public interface StoreAccess {
    <T> T store(String name, QueryableStoreType<T> type);
  }

  /** A facet value with its counts. */
  public record Item(String key, long mentions, long stories) {}

  /** One window of a time series. */
  public record Point(Instant windowStart, long mentions, long stories) {}

  /**
   * A rising key: mentions in the current window against the average of the previous ones.
   *
   * @param score {@code (current + 1) / (baseline + 1)}: above 1 means rising
   */
  public record Trend(String key, long current, double baseline, double score) {}

  private final StoreAccess stores;

  public CountsReader(StoreAccess stores) {
    this.stores = stores;
  }

  /** All-time counts of {@code facet|key}, or null when never counted. */
  public FacetCount count(String facet, String key) {
    return allTime().get(facet + "|" + key);
  }

  /** Copies counted for an original, 0 when none. */
  public long syndication(String originalId) {
    ReadOnlyKeyValueStore<String, Long> store =
        stores.store(AggregateTopology.SYNDICATION_STORE, QueryableStoreTypes.keyValueStore());
    Long copies = store.get(originalId);
    return copies == null ? 0 : copies;
  }

  /**
   * A current story as the API lists it.
   *
   * @param topEntities the {@value #TOP_ENTITIES} most named entities: name and articles naming it
   */
  public record StoryItem(
      String storyId,
      String title,
      Instant firstSeen,
      Instant lastSeen,
      long articles,
      long originals,
      List<String> articleIds,
      Map<String, Long> languages,
      Map<String, Long> agencies,
      Map<String, Long> outlets,
      List<Map<String, Object>> topEntities,
      List<StoryEntry> timeline) {
    /**
     * The item of summary {@code s}, with {@code facets} its articles per facet key ({@code
     * facet|value}): languages, agencies, outlets and entities (actors and places, by name) are
     * read off those.
     */
    static StoryItem of(StorySummary s, Map<String, Long> facets) {
      Map<String, Long> languages = new TreeMap<>();
      Map<String, Long> agencies = new TreeMap<>();
      Map<String, Long> outlets = new TreeMap<>();
      Map<String, Long> entities = new HashMap<>();
      Map<String, String> entityFacets = new HashMap<>();
      facets.forEach(
          (key, articles) -> {
            int bar = key.indexOf('|');
            String facet = key.substring(0, bar);
            String value = key.substring(bar + 1);
            if (facet.equals(Facet.LANGUAGE.id())) {
              languages.put(value, articles);
            } else if (facet.equals(Facet.AGENCY.id())) {
              agencies.put(value, articles);
            } else if (facet.equals(Facet.OUTLET.id())) {
              outlets.put(value, articles);
            } else if (facet.equals(Facet.ACTOR.id()) || facet.equals(Facet.LOCATION.id())) {
              entities.merge(value, articles, Long::sum);
              entityFacets.putIfAbsent(value, facet);
            }
          });
      List<Map<String, Object>> top = new ArrayList<>();
      entities.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .limit(TOP_ENTITIES)
          .forEach(
              e ->
                  top.add(
                      Map.of(
                          "name",
                          e.getKey(),
                          "articles",
                          e.getValue(),
                          "facet",
                          entityFacets.get(e.getKey()))));
      return new StoryItem(
          s.storyId(),
          s.title(),
          s.firstSeen(),
          s.lastSeen(),
          s.articles(),
          s.originals(),
          s.ids(),
          languages,
          agencies,
          outlets,
          top,
          s.entries().stream().map(StoryEntry::of).toList());
    }

    /** The same item without its articles (lists of stories leave them out). */
    public StoryItem withoutTimeline() {
      return new StoryItem(
          storyId,
          title,
          firstSeen,
          lastSeen,
          articles,
          originals,
          articleIds,
          languages,
          agencies,
          outlets,
          topEntities,
          null);
    }
  }

  /**
   * One article of a story as the story view shows it (the first {@value StorySummary#MAX_ENTRIES};
   * a story counted by an earlier version lists none: its summary holds ids only).
   *
   * @param verdict {@code original}, {@code exact} or {@code near} ({@code copy} when not known)
   * @param originalId the original of a copy
   */
  public record StoryEntry(
      String id, Instant at, String outlet, String language, String verdict, String originalId) {
    static StoryEntry of(StorySummary.Entry e) {
      String verdict =
          switch (e.v() == null ? "" : e.v()) {
            case "o" -> "original";
            case "e" -> "exact";
            case "n" -> "near";
            default -> "copy";
          };
      return new StoryEntry(
          e.id(), Instant.ofEpochMilli(e.at()), e.outlet(), e.lang(), verdict, e.of());
    }
  }

  public static final int TOP_ENTITIES = 5;

  /** One current story, or null when unknown here (or expired). */
  public StoryItem story(String storyId) {
    StorySummary s = stories().get(storyId);
    return s == null ? null : item(s);
  }

  /** This instance's {@code n} biggest current stories: see {@link #bestStories}. */
  public List<StoryItem> stories(int n) {
    return stories(n, null);
  }

  /**
   * This instance's {@code n} biggest current stories with an article that has facet value {@code
   * facetKey} ({@code actor|NATO}; every story when null). Reads every current summary here and,
   * with a facet value, one {@value AggregateTopology#STORY_FACETS_STORE} entry per story: bounded
   * by the current stories (those of the story window), not by the facet entries.
   */
  public List<StoryItem> stories(int n, String facetKey) {
    List<StorySummary> all = new ArrayList<>();
    ReadOnlyKeyValueStore<String, StoryFacet> facets =
        facetKey == null
            ? null
            : stores.store(
                AggregateTopology.STORY_FACETS_STORE, QueryableStoreTypes.keyValueStore());
    try (KeyValueIterator<String, StorySummary> it = stories().all()) {
      it.forEachRemaining(
          kv -> {
            if (facets == null
                || facets.get(AggregateTopology.storyFacetKey(kv.key, facetKey)) != null) {
              all.add(kv.value);
            }
          });
    }
    // Facets are read for the n listed only, so the summaries are ranked as bestStories ranks
    // items.
    return all.stream()
        .sorted(biggestFirst(StorySummary::articles, StorySummary::lastSeen, StorySummary::storyId))
        .limit(n)
        .map(s -> item(s).withoutTimeline())
        .toList();
  }

  private StoryItem item(StorySummary s) {
    Map<String, Long> facets = new HashMap<>();
    String prefix = AggregateTopology.storyFacetPrefix(s.storyId());
    ReadOnlyKeyValueStore<String, StoryFacet> store =
        stores.store(AggregateTopology.STORY_FACETS_STORE, QueryableStoreTypes.keyValueStore());
    try (KeyValueIterator<String, StoryFacet> it =
        store.prefixScan(prefix, new StringSerializer())) {
      it.forEachRemaining(kv -> facets.put(kv.key.substring(prefix.length()), kv.value.articles()));
    }
    return StoryItem.of(s, facets);
  }

  /** Most articles first, then the most recent, then by id. */
  public static List<StoryItem> bestStories(List<StoryItem> items, int n) {
    return items.stream()
        .sorted(biggestFirst(StoryItem::articles, StoryItem::lastSeen, StoryItem::storyId))
        .limit(n)
        .toList();
  }

  /** The order of {@link #bestStories}, for anything with those three fields. */
  private static <T> Comparator<T> biggestFirst(
      ToLongFunction<T> articles, Function<T, Instant> lastSeen, Function<T, String> storyId) {
    return Comparator.comparingLong(articles)
        .reversed()
        .thenComparing(lastSeen, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(storyId);
  }

  private ReadOnlyKeyValueStore<String, StorySummary> stories() {
    return stores.store(AggregateTopology.STORY_STORE, QueryableStoreTypes.keyValueStore());
  }

  /** Counts of {@code facet|key} per window starting in [from, to]. */
  public List<Point> series(String facet, String key, Window window, Instant from, Instant to) {
    List<Point> points = new ArrayList<>();
    try (WindowStoreIterator<FacetCount> it = windowed(window).fetch(facet + "|" + key, from, to)) {
      it.forEachRemaining(
          kv ->
              points.add(
                  new Point(
                      Instant.ofEpochMilli(kv.key), kv.value.mentions(), kv.value.stories())));
    }
    return points;
  }

  /**
   * Mentions and stories summed over every value of {@code facet} per window starting in [from,
   * to], ordered by window: with facet {@code outlet} (every article has exactly one) the articles
   * and originals counted per hour or day. Reads that facet's entries of the range (a key range),
   * and covers this instance's keys only: {@link QueryApi} sums the instances'.
   */
  public List<Point> volume(String facet, Window window, Instant from, Instant to) {
    String prefix = facet + "|";
    TreeMap<Instant, long[]> sums = new TreeMap<>();
    try (KeyValueIterator<Windowed<String>, FacetCount> it =
        facetWindows(window, facet, from, to)) {
      it.forEachRemaining(
          kv -> {
            if (kv.key.key().startsWith(prefix)) {
              long[] s = sums.computeIfAbsent(kv.key.window().startTime(), k -> new long[2]);
              s[0] += kv.value.mentions();
              s[1] += kv.value.stories();
            }
          });
    }
    List<Point> points = new ArrayList<>();
    sums.forEach((start, s) -> points.add(new Point(start, s[0], s[1])));
    return points;
  }

  /**
   * The windows starting in [from, to] of {@code facet}'s values only: a key range, {@code facet|}
   * to {@code facet}} ('}' follows '|'), so the store reads that facet's keys, where a scan of all
   * keys (fetchAll) read every facet's entries of the segments the range touches (the outlet volume
   * read every actor's and place's hours). Callers still check the prefix.
   */
  private KeyValueIterator<Windowed<String>, FacetCount> facetWindows(
      Window window, String facet, Instant from, Instant to) {
    return windowed(window).fetch(facet + "|", facet + "}", from, to);
  }

  /** Points of several instances summed per window, ordered by window. */
  public static List<Point> sumPoints(List<Point> points) {
    TreeMap<Instant, long[]> sums = new TreeMap<>();
    for (Point p : points) {
      long[] s = sums.computeIfAbsent(p.windowStart(), k -> new long[2]);
      s[0] += p.mentions();
      s[1] += p.stories();
    }
    List<Point> out = new ArrayList<>();
    sums.forEach((start, s) -> out.add(new Point(start, s[0], s[1])));
    return out;
  }

  /**
   * The {@code n} values of a facet with the most mentions (then stories, then key): all-time, or
   * in the window that starts at {@code windowStart}.
   */
  public List<Item> top(String facet, Window window, Instant windowStart, int n) {
    String prefix = facet + "|";
    List<Item> items = new ArrayList<>();
    if (window == Window.ALL) {
      try (KeyValueIterator<String, FacetCount> it =
          allTime().prefixScan(prefix, new StringSerializer())) {
        it.forEachRemaining(kv -> items.add(item(kv.key, prefix, kv.value)));
      }
    } else {
      try (KeyValueIterator<Windowed<String>, FacetCount> it =
          facetWindows(window, facet, windowStart, windowStart)) {
        it.forEachRemaining(
            kv -> {
              if (kv.key.key().startsWith(prefix)) {
                items.add(item(kv.key.key(), prefix, kv.value));
              }
            });
      }
    }
    return best(items, n);
  }

  /**
   * The {@code n} values of a facet rising most in the window starting at {@code windowStart} over
   * the average of the {@code baselineWindows} windows before it; values with fewer than {@code
   * minMentions} mentions now are left out.
   */
  public List<Trend> trending(
      String facet,
      Window window,
      Instant windowStart,
      int baselineWindows,
      long minMentions,
      int n) {
    String prefix = facet + "|";
    Duration size = window.size();
    // Nothing is counted before the epoch (record timestamps are never negative), and a window
    // store's fetch does not take negative times: the baseline starts there at the earliest.
    Instant from = windowStart.minus(size.multipliedBy(baselineWindows));
    if (from.isBefore(Instant.EPOCH)) {
      from = Instant.EPOCH;
    }
    Map<String, long[]> byKey = new HashMap<>();
    try (KeyValueIterator<Windowed<String>, FacetCount> it =
        facetWindows(window, facet, from, windowStart)) {
      it.forEachRemaining(
          kv -> {
            if (!kv.key.key().startsWith(prefix)) {
              return;
            }
            long[] sums =
                byKey.computeIfAbsent(kv.key.key().substring(prefix.length()), k -> new long[2]);
            if (kv.key.window().startTime().equals(windowStart)) {
              sums[0] += kv.value.mentions();
            } else {
              sums[1] += kv.value.mentions();
            }
          });
    }
    List<Trend> trends = new ArrayList<>();
    byKey.forEach(
        (key, sums) -> {
          if (sums[0] >= minMentions) {
            double baseline = (double) sums[1] / baselineWindows;
            trends.add(new Trend(key, sums[0], baseline, (sums[0] + 1) / (baseline + 1)));
          }
        });
    return bestTrends(trends, n);
  }

  /** Sorts by score, then current mentions (both descending), then key; keeps {@code n}. */
  public static List<Trend> bestTrends(List<Trend> trends, int n) {
    List<Trend> sorted = new ArrayList<>(trends);
    sorted.sort(
        Comparator.comparingDouble(Trend::score)
            .reversed()
            .thenComparing(Comparator.comparingLong(Trend::current).reversed())
            .thenComparing(Trend::key));
    return sorted.size() > n ? new ArrayList<>(sorted.subList(0, n)) : sorted;
  }

  /** Sorts by mentions, then stories (both descending), then key; keeps {@code n}. */
  public static List<Item> best(List<Item> items, int n) {
    List<Item> sorted = new ArrayList<>(items);
    sorted.sort(
        Comparator.comparingLong(Item::mentions)
            .reversed()
            .thenComparing(Comparator.comparingLong(Item::stories).reversed())
            .thenComparing(Item::key));
    return sorted.size() > n ? new ArrayList<>(sorted.subList(0, n)) : sorted;
  }

  /** The start of the window of {@code size} that contains {@code at} (epoch-aligned). */
  public static Instant windowStart(Window window, Instant at) {
    long size = window.size().toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
  }

  private static Item item(String facetKey, String prefix, FacetCount count) {
    return new Item(facetKey.substring(prefix.length()), count.mentions(), count.stories());
  }

  private ReadOnlyKeyValueStore<String, FacetCount> allTime() {
    return stores.store(AggregateTopology.COUNTS_STORE, QueryableStoreTypes.keyValueStore());
  }

  private ReadOnlyWindowStore<String, FacetCount> windowed(Window window) {
    return stores.store(AggregateTopology.storeOf(window), QueryableStoreTypes.windowStore());
  }
}
