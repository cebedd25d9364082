package io.newsflow.aggregate;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A value of the {@code story-facets} store: how many of a story's articles have one facet value,
 * and the earliest event time among them. The story counts once ({@code distinctStories}) in the
 * hour and the day of that earliest article, whatever order the articles arrive in.
 *
 * @param articles the story's articles with the value
 * @param firstTime event time (ms) of the earliest of them; {@link Long#MIN_VALUE} for entries
 *     written before it was kept (they stay where they were counted)
 */
public record StoryFacet(long articles, long firstTime) {
  /** 16 bytes: articles, first time; reads the 8-byte article counts of earlier versions. */
  public static final Serde<StoryFacet> SERDE =
      Serdes.serdeFrom(
          (topic, v) ->
              v == null
                  ? null
                  : ByteBuffer.allocate(16).putLong(v.articles).putLong(v.firstTime).array(),
          (topic, data) -> {
            if (data == null) {
              return null;
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            return switch (data.length) {
              case 16 -> new StoryFacet(b.getLong(), b.getLong());
              case 8 -> new StoryFacet(b.getLong(), Long.MIN_VALUE);
              default ->
                  throw new SerializationException(
                      "a story-facets value has 8 or 16 bytes, not " + data.length);
            };
          });
}
