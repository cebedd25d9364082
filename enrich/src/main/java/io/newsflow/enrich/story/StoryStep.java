package io.newsflow.enrich.story;

/**
 * What a story processor emits: an article with its story ({@link Assigned}), a query to the index
 * ({@link StoryQuery}) or an index update ({@link StoryUpdate}); branched by type in the topology.
 */
public sealed interface StoryStep permits StoryStep.Assigned, StoryQuery, StoryUpdate {

  /** An article whose story is decided. */
  record Assigned(io.newsflow.enrich.EnrichedArticle article) implements StoryStep {}
}
