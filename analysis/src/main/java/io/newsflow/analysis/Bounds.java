package io.newsflow.analysis;

import io.newsflow.contracts.Entity;
import io.newsflow.contracts.Mention;
import io.newsflow.contracts.WireCredit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bounds that keep what the analysis of one article writes bounded, whatever the article holds
 * inside its contract (at most {@link io.newsflow.contracts.Article#MAX_BYTES}): an enriched record
 * of the largest valid article stays under {@link #MAX_ENRICHED_BYTES}, below Kafka's default 1 MB
 * record limit. The arithmetic is in docs/SECURITY.md ("Bounds").
 */
public final class Bounds {
  /**
   * Longest word the analysis looks at, in characters: longer "words" (an inline base64 image, a
   * run of digits) are skipped by the name finder, the dictionary and the story terms.
   */
  public static final int MAX_TOKEN_CHARS = 64;

  /** Most entities listed per article: the most mentioned; the rest are counted. */
  public static final int MAX_ENTITIES = 100;

  /** Most mentions listed per entity: the first ones (title first, text order); all are counted. */
  public static final int MAX_MENTIONS = 10;

  /** Longest mention, and longest name of an entity the knowledge base does not know, in chars. */
  public static final int MAX_MENTION_CHARS = 128;

  /** Most pieces of evidence listed per credited agency (the first ones, in article order). */
  public static final int MAX_WIRE_EVIDENCE = 5;

  /** Longest wire evidence phrase kept, in characters. */
  public static final int MAX_PHRASE_CHARS = 100;

  /**
   * Most number terms of the story features (the first in the text). Dates are bounded by the
   * calendar (at most 372 month-day terms), lexical terms by {@code StoryFeatures.LEXICAL_TERMS}
   * (25), entity terms by {@link #MAX_ENTITIES}.
   */
  public static final int MAX_NUMBER_TERMS = 64;

  /** Longest MinHash signature (permutations) a configuration may ask for. */
  public static final int MAX_SIGNATURE = 1024;

  /**
   * The stated maximum of one enriched record (JSON, UTF-8) for any valid article; enrich
   * dead-letters an article whose record would be larger (never seen: the bounds above keep the
   * largest valid article well below it).
   */
  public static final int MAX_ENRICHED_BYTES = 900 * 1024;

  private Bounds() {}

  /** Entities after the bounds, and how many were left out. */
  public record BoundedEntities(List<Entity> entities, int omitted) {}

  /**
   * At most {@link #MAX_ENTITIES}, the most mentioned (ties: the earlier first mention), in their
   * original order; each with at most {@link #MAX_MENTIONS} mentions; mentions longer than {@link
   * #MAX_MENTION_CHARS} are dropped, and an entity left without a mention, or a local entity (one
   * the knowledge base does not know) with a longer name, is left out (and counted).
   */
  public static BoundedEntities entities(List<Entity> all) {
    List<Entity> fit = new ArrayList<>(all.size());
    int omitted = 0;
    for (Entity e : all) {
      Entity b = bounded(e);
      if (b == null) {
        omitted++;
      } else {
        fit.add(b);
      }
    }
    if (fit.size() > MAX_ENTITIES) {
      List<Integer> order = new ArrayList<>(fit.size());
      for (int i = 0; i < fit.size(); i++) {
        order.add(i);
      }
      order.sort(
          Comparator.comparingInt((Integer i) -> -fit.get(i).mentionTotal())
              .thenComparingInt(i -> i));
      Set<Integer> keep = new HashSet<>(order.subList(0, MAX_ENTITIES));
      List<Entity> kept = new ArrayList<>(MAX_ENTITIES);
      for (int i = 0; i < fit.size(); i++) {
        if (keep.contains(i)) {
          kept.add(fit.get(i));
        }
      }
      omitted += fit.size() - MAX_ENTITIES;
      return new BoundedEntities(kept, omitted);
    }
    return new BoundedEntities(fit, omitted);
  }

  private static Entity bounded(Entity e) {
    // Knowledge-base names are bounded by the knowledge base; a local entity is named by its text.
    if (e.id().startsWith("local:") && e.name() != null && e.name().length() > MAX_MENTION_CHARS) {
      return null;
    }
    Entity in = e;
    boolean tooLong = false;
    for (Mention m : e.mentions()) {
      tooLong |= m.text() != null && m.text().length() > MAX_MENTION_CHARS;
    }
    if (tooLong) {
      List<Mention> ms = new ArrayList<>();
      for (Mention m : e.mentions()) {
        if (m.text() == null || m.text().length() <= MAX_MENTION_CHARS) {
          ms.add(m);
        }
      }
      if (ms.isEmpty()) {
        return null;
      }
      in =
          new Entity(
              e.id(),
              e.type(),
              e.subtype(),
              e.name(),
              e.externalIds(),
              ms,
              e.confidence(),
              e.mentionCount() == null ? null : ms.size());
    }
    return in.withFirstMentions(MAX_MENTIONS);
  }

  /** The first {@code max} characters of {@code s}, never ending inside a surrogate pair. */
  public static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }

  /** Each credit with at most {@link #MAX_WIRE_EVIDENCE} pieces of evidence, phrases cut. */
  public static List<WireCredit> wire(List<WireCredit> credits) {
    List<WireCredit> out = new ArrayList<>(credits.size());
    for (WireCredit c : credits) {
      List<WireCredit.Evidence> ev = new ArrayList<>();
      for (WireCredit.Evidence e : c.evidence()) {
        if (ev.size() == MAX_WIRE_EVIDENCE) {
          break;
        }
        String phrase = e.phrase();
        ev.add(
            phrase != null && phrase.length() > MAX_PHRASE_CHARS
                ? new WireCredit.Evidence(
                    cut(phrase, MAX_PHRASE_CHARS), e.field(), e.index(), e.offset())
                : e);
      }
      out.add(ev.equals(c.evidence()) ? c : new WireCredit(c.agency(), c.name(), ev));
    }
    return out;
  }
}
