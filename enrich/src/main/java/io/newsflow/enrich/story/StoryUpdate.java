package io.newsflow.enrich.story;

import io.newsflow.enrich.Compact;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The story an indexed article was assigned to, sent to each index partition that holds its terms:
 * the value of the internal {@code story-updates} topic.
 *
 * @param articleId the article
 * @param storyId its story
 * @param time its record time
 * @param targetPartition the index partition
 */
public record StoryUpdate(String articleId, String storyId, long time, int targetPartition)
    implements StoryStep {
  public static final Serde<StoryUpdate> SERDE =
      Compact.serde(StoryUpdate::write, StoryUpdate::read);

  private static void write(DataOutputStream out, StoryUpdate u) throws IOException {
    out.writeUTF(u.articleId);
    out.writeUTF(u.storyId);
    out.writeLong(u.time);
    out.writeShort(u.targetPartition);
  }

  private static StoryUpdate read(DataInputStream in) throws IOException {
    return new StoryUpdate(in.readUTF(), in.readUTF(), in.readLong(), in.readShort());
  }
}
