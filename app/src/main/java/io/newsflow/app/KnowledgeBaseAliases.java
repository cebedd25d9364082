package io.newsflow.app;

import io.newsflow.aggregate.Facet;
import io.newsflow.aggregate.query.KeyAliases;
import io.newsflow.analysis.entity.CanonicalNames;
import io.newsflow.analysis.entity.KnowledgeBase;
import io.newsflow.contracts.EntityType;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API's alias resolution from enrich's knowledge base: {@code key=Moskow} asks for
 * Moscow's counts, {@code key=Korut} for North Korea's. The same tables enrich links with (the
 * bundled ones and the user's {@code newsflow.enrich.entities.file}), so a name resolves to the key
 * enrich counts it under. Loaded in the background when the app starts (about 5 s; shared with
 * enrich's when both run in one process and no user file is set); a query in that time waits up to
 * {@link #WAIT_SECONDS} seconds, then is looked up as asked.
 */
final class KnowledgeBaseAliases implements KeyAliases {
  private static final Logger log = LoggerFactory.getLogger(KnowledgeBaseAliases.class);
  static final int WAIT_SECONDS = 10;
  private static final Set<EntityType> ACTORS =
      EnumSet.of(EntityType.PERSON, EntityType.ORGANIZATION);
  private static final Set<EntityType> PLACES = EnumSet.of(EntityType.LOCATION);

  private final CompletableFuture<CanonicalNames> names;

  /** Starts loading the knowledge base: the bundled one, with {@code entitiesFile} over it. */
  KnowledgeBaseAliases(Path entitiesFile) {
    names =
        CompletableFuture.supplyAsync(
            () -> new CanonicalNames(KnowledgeBase.of(entitiesFile)),
            runnable -> {
              Thread t = new Thread(runnable, "newsflow-query-aliases");
              t.setDaemon(true);
              t.start();
            });
    names.whenComplete(
        (ok, e) -> {
          if (e != null) {
            log.warn("query API: aliases are not resolved, the knowledge base did not load", e);
          }
        });
  }

  @Override
  public Resolved resolve(String facet, String asked) {
    Set<EntityType> types =
        facet.equals(Facet.ACTOR.id()) ? ACTORS : facet.equals(Facet.LOCATION.id()) ? PLACES : null;
    if (types == null) {
      return null;
    }
    CanonicalNames loaded;
    try {
      loaded = names.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
    CanonicalNames.Resolution r = loaded.resolve(asked, types);
    return r == null ? null : new Resolved(r.name(), r.candidates());
  }
}
