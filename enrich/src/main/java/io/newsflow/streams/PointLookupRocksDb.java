package io.newsflow.streams;

import io.newsflow.enrich.EnrichTopology;
import io.newsflow.enrich.story.StoryTopology;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB settings for the stores read by point lookups, many of which find nothing: the LSH band
 * blocks (an original's 64 band keys are nearly all new), the story postings (rare terms), the
 * signatures and story assignments. A bloom filter over the whole keys of each memtable answers a
 * missing key without the memtable's skip-list search, which was half of the RocksDB read time on
 * the enrich stream thread. Other stores keep Kafka Streams' defaults.
 *
 * <p>Cost: a filter of {@value #BLOOM_SIZE_RATIO} of the write buffer (16 MB by default, so 800 KB)
 * per memtable of those stores' segments.
 */
public final class PointLookupRocksDb implements RocksDBConfigSetter {
  static final double BLOOM_SIZE_RATIO = 0.05;

  /** Stores (and their segments, named {@code store.segment}) the filter is for. */
  static final List<String> STORES =
      List.of(
          EnrichTopology.BAND_STORE,
          EnrichTopology.SIGNATURE_STORE,
          StoryTopology.INDEX_STORE,
          StoryTopology.ASSIGNMENTS_STORE);

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    if (isPointLookupStore(storeName)) {
      options.setMemtablePrefixBloomSizeRatio(BLOOM_SIZE_RATIO);
      options.setMemtableWholeKeyFiltering(true);
    }
  }

  static boolean isPointLookupStore(String storeName) {
    for (String store : STORES) {
      if (storeName.equals(store) || storeName.startsWith(store + ".")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close(String storeName, Options options) {
    // nothing allocated here
  }
}
