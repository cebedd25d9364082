package io.newsflow.enrich.story;

import io.newsflow.enrich.EnrichedArticle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the index answers for an article waiting in {@value StoryTopology#PENDING_STORE} and,
 * once every queried partition has answered, decides its story:
 *
 * <ol>
 *   <li>the story of the best-scoring decided article at or above the threshold;
 *   <li>else, when an article still being decided and older than this one scores at or above the
 *       threshold, the story the oldest such article opens (its id): articles of one event that
 *       arrive together find each other although none is decided yet;
 *   <li>else a new story, whose id is the article's own.
 * </ol>
 *
 * <p>Then it emits the article and the copies that waited for it with the story id, records it in
 * {@value StoryTopology#ASSIGNED_STORE} and sends one {@link StoryUpdate} to each queried index
 * partition. A wall-clock sweep decides entries older than the pending timeout with what they have
 * ({@code story-timeout-total}; should stay 0).
 */
final class StoryDecideProcessor implements Processor<String, StoryAnswer, String, StoryStep> {
  private static final Logger LOG = LoggerFactory.getLogger(StoryDecideProcessor.class);
  private static final Duration SWEEP_EVERY = Duration.ofSeconds(10);

  private final StoryConfig config;
  private ProcessorContext<String, StoryStep> context;
  private KeyValueStore<String, PendingStory> pending;
  private KeyValueStore<String, EnrichedArticle> parked;
  private WindowStore<String, String> assigned;
  private StoryMeters meters;

  StoryDecideProcessor(StoryConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, StoryStep> context) {
    this.context = context;
    this.pending = context.getStateStore(StoryTopology.PENDING_STORE);
    this.parked = context.getStateStore(StoryTopology.PARKED_STORE);
    this.assigned = context.getStateStore(StoryTopology.ASSIGNED_STORE);
    this.meters = StoryMeters.of(context);
    context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, StoryAnswer> record) {
    StoryAnswer answer = record.value();
    PendingStory waiting = pending.get(answer.articleId());
    if (waiting == null) {
      LOG.warn(
          "story answer for {} from partition {} arrived after its decision",
          answer.articleId(),
          answer.fromPartition());
      return;
    }
    if (waiting.answered().contains(answer.fromPartition())) {
      return;
    }
    Map<String, StoryAnswer.Match> merged = new HashMap<>(waiting.matches());
    for (StoryAnswer.Match m : answer.matches()) {
      merged.merge(m.articleId(), m, StoryDecideProcessor::sum);
    }
    PendingStory updated = waiting.withAnswer(answer.fromPartition(), merged);
    if (updated.answered().size() < updated.partitions().size()) {
      pending.put(answer.articleId(), updated);
      return;
    }
    decide(answer.articleId(), updated);
  }

  private static StoryAnswer.Match sum(StoryAnswer.Match a, StoryAnswer.Match b) {
    return new StoryAnswer.Match(
        a.articleId(),
        a.time(),
        a.storyId() != null ? a.storyId() : b.storyId(),
        a.language(),
        a.dotIndependent() + b.dotIndependent(),
        a.dotLexical() + b.dotLexical(),
        a.normIndependent(),
        a.normLexical());
  }

  /** The story for {@code p} from its matches (see the class comment). */
  static Choice choose(StoryConfig config, PendingStory p) {
    StoryAnswer.Match bestDecided = null;
    double bestScore = -1;
    StoryAnswer.Match oldestPending = null;
    for (StoryAnswer.Match m : p.matches().values()) {
      double s =
          StoryScore.of(
              config,
              m.dotIndependent(),
              m.dotLexical(),
              p.normIndependent(),
              m.normIndependent(),
              p.normLexical(),
              m.normLexical(),
              p.language().equals(m.language()),
              p.time() - m.time());
      if (s < config.threshold()) {
        continue;
      }
      if (m.storyId() != null) {
        if (s > bestScore
            || (s == bestScore && m.articleId().compareTo(bestDecided.articleId()) < 0)) {
          bestScore = s;
          bestDecided = m;
        }
      } else if (older(m, p) && (oldestPending == null || before(m, oldestPending))) {
        oldestPending = m;
      }
    }
    if (bestDecided != null) {
      return new Choice(bestDecided.storyId(), Choice.Kind.JOINED);
    }
    if (oldestPending != null) {
      return new Choice(oldestPending.articleId(), Choice.Kind.JOINED_PENDING);
    }
    return new Choice(p.articleId(), Choice.Kind.OPENED);
  }

  /** A decided story id and how it was found. */
  record Choice(String storyId, Kind kind) {
    enum Kind {
      JOINED,
      JOINED_PENDING,
      OPENED
    }
  }

  private static boolean older(StoryAnswer.Match m, PendingStory p) {
    return m.time() < p.time()
        || (m.time() == p.time() && m.articleId().compareTo(p.articleId()) < 0);
  }

  private static boolean before(StoryAnswer.Match a, StoryAnswer.Match b) {
    return a.time() < b.time()
        || (a.time() == b.time() && a.articleId().compareTo(b.articleId()) < 0);
  }

  private void decide(String id, PendingStory p) {
    Choice choice = choose(config, p);
    switch (choice.kind()) {
      case JOINED -> meters.joined.record();
      case JOINED_PENDING -> meters.joinedPending.record();
      case OPENED -> meters.opened.record();
    }
    String story = choice.storyId();
    pending.put(id, null); // not delete(): it would read and parse the old value
    assigned.put(id, story, p.time());
    EnrichedArticle article = parked.get(id);
    parked.put(id, null);
    if (article == null) {
      LOG.error("article {} was waiting for its story but is not parked", id);
    } else {
      emit(id, article.withStoryId(story), p.time());
    }
    List<KeyValue<String, EnrichedArticle>> copies = new ArrayList<>();
    try (KeyValueIterator<String, EnrichedArticle> it =
        parked.prefixScan(StoryTopology.parkedCopyKey(id, ""), new StringSerializer())) {
      it.forEachRemaining(copies::add);
    }
    for (KeyValue<String, EnrichedArticle> copy : copies) {
      parked.put(copy.key, null);
      meters.copies.record();
      emit(copy.value.id(), copy.value.withStoryId(story), p.time());
    }
    for (int partition : p.partitions()) {
      context.forward(
          new Record<>(id, (StoryStep) new StoryUpdate(id, story, p.time(), partition), p.time()));
    }
  }

  private void emit(String id, EnrichedArticle article, long time) {
    context.forward(new Record<>(id, (StoryStep) new StoryStep.Assigned(article), time));
  }

  private void sweep(long now) {
    List<KeyValue<String, PendingStory>> stale = new ArrayList<>();
    try (KeyValueIterator<String, PendingStory> it = pending.all()) {
      it.forEachRemaining(
          kv -> {
            if (now - kv.value.createdAtMs() > config.pendingTimeout().toMillis()) {
              stale.add(kv);
            }
          });
    }
    for (KeyValue<String, PendingStory> kv : stale) {
      meters.timeouts.record();
      LOG.warn(
          "deciding the story of {} with {} of {} index answers after {}",
          kv.key,
          kv.value.answered().size(),
          kv.value.partitions().size(),
          config.pendingTimeout());
      decide(kv.key, kv.value);
    }
  }
}
