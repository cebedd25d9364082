package io.newsflow.analysis.entity;

import io.newsflow.analysis.entity.KnowledgeBase.Candidate;
import io.newsflow.analysis.entity.Names.Token;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import io.newsflow.contracts.Mention;
import io.newsflow.contracts.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tags the people, organisations and places an article names, each linked to one identity.
 *
 * <ol>
 *   <li><b>Dictionary</b>: longest match of normalised aliases (case, diacritics, hyphens and
 *       spacing do not count) starting at a capitalised word; short upper-case aliases only as
 *       written, language-restricted aliases only in that language.
 *   <li><b>Ambiguity</b> (an alias of several entries): a title before or a speech verb next to it
 *       picks a person, a locative preposition a place; between places, a region or city beats a
 *       country of the same name only with more evidence in the article (other cities and regions
 *       of its own country, or "state of" / "negara bagian" before it); else curated entries, then
 *       countries, regions, cities, then population. A lone place name directly followed by an
 *       unknown capitalised word (Jordan Henderson, Paris Hilton) is left to the name rules.
 *   <li><b>Unknown names</b>: capitalised sequences the dictionary leaves, stripped of leading
 *       titles and common words, are matched to the knowledge base by romanisation variant
 *       (Seok/Suk, Georgiy/Georgy, Zelenskyy/Zelensky), else typed by rule: organisation words or
 *       an acronym make an organisation; a title or role before, or a speech verb next to it
 *       ("kata", "ujarnya", "said") a person; a locative preposition a place; two to four
 *       capitalised words a person.
 *   <li><b>Partial names</b>: a name whose words are part of a person's full name in the same
 *       article ("Yoon", "Dr. Moon", "Kim Hong") is that person (the nearest full name before it,
 *       else after it).
 * </ol>
 *
 * <p>Thread-safe and immutable: one instance serves all stream tasks.
 */
public final class EntityTagger {
  static final double DICTIONARY_MULTI = 0.95;
  static final double DICTIONARY_SINGLE = 0.9;
  static final double GEONAMES_ONLY = 0.75;
  static final double VARIANT = 0.85;
  static final double PARTIAL = 0.8;

  /**
   * A part of a hand-kept person's name met without the full name in the article ("Zinoviev"):
   * below a full-name match, at or above the aggregate's counting threshold (0.6).
   */
  static final double KB_PARTIAL = 0.65;

  static final double RULE_CUED = 0.7;
  static final double RULE_UNCUED = 0.5;

  /**
   * A name kept as a person but not counted (below the facets' 0.6): a given name alone of a name
   * written family name first ("Jian"), a word of hand-kept people's names that links to none of
   * them ("Mark", "Kim" alone), a given name or a small town's name in a speaker's place that the
   * knowledge base knows as a place ("Vladimir told", "Menurut Bethal").
   */
  static final double UNSURE_PERSON = 0.55;

  private static final Set<String> CONNECTORS =
      Set.of("bin", "binti", "van", "von", "der", "de", "al", "el", "of", "la", "le", "da", "dos");
  private static final java.util.regex.Pattern ROMAN = java.util.regex.Pattern.compile("[IVXLC]+");
  private static final Set<String> STATE_CUES = Set.of("state", "bagian");

  static final double MODEL = 0.7;

  private final KnowledgeBase kb;
  private final Map<String, NerModel> models;

  /** Dictionary and rules only, in every language. */
  public EntityTagger(KnowledgeBase kb) {
    this(kb, Map.of());
  }

  /**
   * With a name finder per language ({@code "id"}, {@code "en"}): in those languages the model
   * finds and types the names, the knowledge base links them and adds its own hand-kept matches;
   * other languages keep the dictionary and rules.
   */
  public EntityTagger(KnowledgeBase kb, Map<String, NerModel> models) {
    this.kb = kb;
    this.models = Map.copyOf(models);
  }

  /** The bundled knowledge base and the bundled models ({@link NerModels#bundled()}). */
  public static EntityTagger defaults() {
    return new EntityTagger(KnowledgeBase.defaults(), NerModels.bundled());
  }

  /** This tagger with {@code model} for {@code language} (replacing any it had). */
  public EntityTagger withModel(String language, NerModel model) {
    Map<String, NerModel> m = new HashMap<>(models);
    if (model == null) {
      m.remove(language);
    } else {
      m.put(language, model);
    }
    return new EntityTagger(kb, m);
  }

  /** The name finder used for {@code language}, or null (dictionary and rules). */
  public NerModel model(String language) {
    return (language == null ? null : models.get(language));
  }

  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  /** The entities of title and body, in order of first mention. */
  public List<Entity> tag(Article article, String language) {
    List<Found> found = new ArrayList<>();
    found.addAll(scan("title", article.title(), language, article.body()));
    found.addAll(scan("body", article.body(), language, null));
    return resolve(found);
  }

  /** The entities of one text (body field), e.g. a sentence of an evaluation set. */
  public List<Entity> tagText(String text, String language) {
    return resolve(scan("body", text, language, null));
  }

  /** A mention found in a field, before linking. */
  private record Found(
      String field,
      int order,
      Mention mention,
      List<String> norms,
      KbEntry entry,
      EntityType type,
      double confidence,
      boolean sentenceStart,
      int from,
      int to) {
    /** The first token of the mention (of {@link Names#tokenize}), computed if not known. */
    int from(List<Token> tokens) {
      return from >= 0 ? from : firstEndingAfter(tokens, mention.start());
    }

    /** One past the last token of the mention, computed if not known. */
    int to(List<Token> tokens) {
      return to >= 0 ? to : firstEndingAfter(tokens, mention.end());
    }
  }

  /** What the dictionary found in a field, and the tokens it worked on. */
  private record Dictionary(
      List<Token> tokens,
      boolean[] sentenceStart,
      boolean titleCase,
      boolean[] used,
      List<Found> found,
      List<Set<String>> lowerCase,
      int[] questions,
      String[] other,
      List<Set<String>> otherLowerCase) {}

  /** {@code other}: the article's body when scanning its title (headline words), else null. */
  private List<Found> scan(String field, String text, String language, String other) {
    if (text == null || text.isEmpty()) {
      return new ArrayList<>();
    }
    Dictionary dict = dictionary(field, text, language);
    dict.other()[0] = other;
    NerModel model = (language == null ? null : models.get(language));
    return model == null
        ? rules(field, text, dict)
        : statistical(field, text, language, dict, model);
  }

  private Dictionary dictionary(String field, String text, String language) {
    List<Found> out = new ArrayList<>();
    List<Token> tokens = Names.tokenize(text);
    int n = tokens.size();
    boolean[] sentenceStart = new boolean[n];
    for (int i = 0; i < n; i++) {
      sentenceStart[i] =
          i == 0 || breaksSentence(text, tokens.get(i - 1).end(), tokens.get(i).start());
    }
    boolean titleCase = titleCase(tokens);

    // 1. dictionary, longest match first
    List<Candidate>[] matchAt = newArray(n);
    int[] matchLen = new int[n];
    boolean[] used = new boolean[n];
    KnowledgeBase.Words[] path = new KnowledgeBase.Words[kb.maxAliasTokens()];
    for (int i = 0; i < n; ) {
      Token t = tokens.get(i);
      if (!t.capitalized()) {
        i++;
        continue;
      }
      int best = 0;
      List<Candidate> bestCandidates = List.of();
      int limit = Math.min(n, i + kb.maxAliasTokens());
      int depth = 0;
      KnowledgeBase.Words node = kb.aliasWords();
      for (int j = i; j < limit; j++) {
        if (j > i && !joined(text, tokens.get(j - 1).end(), tokens.get(j).start())) {
          break;
        }
        node = node.next(tokens.get(j).norm());
        if (node == null) {
          break; // no alias starts with these words: longer ones cannot match either
        }
        path[depth++] = node;
      }
      for (int len = depth; len >= 1; len--) {
        List<Candidate> all = path[len - 1].candidates();
        if (all.isEmpty()) {
          continue;
        }
        int from = t.start();
        int to = tokens.get(i + len - 1).end();
        List<Candidate> cs = null; // all of them until one is left out
        for (int c = 0; c < all.size(); c++) {
          KbEntry.Alias alias = all.get(c).alias();
          boolean ok =
              (!alias.exactCase()
                      || alias.text().length() == to - from && text.startsWith(alias.text(), from))
                  && (alias.language() == null || alias.language().equals(language));
          if (!ok && cs == null) {
            cs = new ArrayList<>(all.subList(0, c));
          } else if (ok && cs != null) {
            cs.add(all.get(c));
          }
        }
        if (cs == null) {
          cs = all;
        }
        if (!cs.isEmpty()) {
          best = len;
          bestCandidates = cs;
          break;
        }
      }
      if (best == 0) {
        i++;
        continue;
      }
      // A lone GeoNames place name glued to an unknown capitalised word is part of another name
      // (Jordan Henderson, Michael Jordan, Paris Hilton): both are left to the name rules.
      if (best == 1 && !titleCase && allGeoNamesPlaces(bestCandidates)) {
        boolean nextName =
            i + 1 < n
                && joinedBySpace(text, t.end(), tokens.get(i + 1).start())
                && nameLike(tokens.get(i + 1));
        boolean prevName =
            i > 0
                && !used[i - 1]
                && !sentenceStart[i - 1]
                && joinedBySpace(text, tokens.get(i - 1).end(), t.start())
                && nameLike(tokens.get(i - 1));
        if (nextName || prevName) {
          i += nextName ? 2 : 1;
          continue;
        }
      }
      matchAt[i] = bestCandidates;
      matchLen[i] = best;
      for (int k = i; k < i + best; k++) {
        used[k] = true;
      }
      i += best;
    }

    // Evidence for place ambiguity: countries of unambiguous cities and regions in this field.
    Map<String, Integer> subnational = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (matchAt[i] != null && distinctEntries(matchAt[i]) == 1) {
        KbEntry e = matchAt[i].get(0).entry();
        if (e.type() == EntityType.LOCATION
            && !"country".equals(e.subtype())
            && e.country() != null) {
          subnational.merge(e.country(), 1, Integer::sum);
        }
      }
    }

    for (int i = 0; i < n; i++) {
      if (matchAt[i] == null) {
        continue;
      }
      int end = i + matchLen[i];
      String prev = i > 0 ? tokens.get(i - 1).norm() : "";
      String next = end < n ? tokens.get(end).norm() : "";
      KbEntry e = choose(matchAt[i], prev, next, subnational);
      double conf =
          !e.curated() ? GEONAMES_ONLY : matchLen[i] > 1 ? DICTIONARY_MULTI : DICTIONARY_SINGLE;
      if (distinctEntries(matchAt[i]) > 1) {
        conf *= 0.9;
      }
      out.add(found(field, text, tokens, i, end, e, e.type(), conf, sentenceStart[i]));
    }
    return new Dictionary(
        tokens,
        sentenceStart,
        titleCase,
        used,
        out,
        new ArrayList<>(1),
        new int[1],
        new String[1],
        new ArrayList<>(1));
  }

  /** Dictionary matches, then the name rules on the capitalised sequences the dictionary left. */
  private List<Found> rules(String field, String text, Dictionary dict) {
    List<Token> tokens = dict.tokens();
    int n = tokens.size();
    boolean[] used = dict.used();
    boolean[] sentenceStart = dict.sentenceStart();
    boolean titleCase = dict.titleCase();
    List<Found> out = new ArrayList<>(dict.found());
    for (int i = 0; i < n; ) {
      if (used[i] || !tokens.get(i).capitalized() || tokens.get(i).numeric()) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < n
          && !used[end]
          && joinedBySpace(text, tokens.get(end - 1).end(), tokens.get(end).start())
          && (tokens.get(end).capitalized()
              || (CONNECTORS.contains(tokens.get(end).norm())
                  && end + 1 < n
                  && !used[end + 1]
                  && tokens.get(end + 1).capitalized()))) {
        end++;
      }
      unknown(field, text, tokens, i, end, sentenceStart, titleCase, out);
      i = end;
    }
    out.sort(Comparator.comparingInt(f -> f.mention().start()));
    return hygiene(field, text, dict, out, null);
  }

  /**
   * The model's names, linked by the knowledge base, plus the dictionary's hand-kept matches the
   * model did not cover: people and organisations always, places when the model found that place
   * nowhere in the field (the Indonesian training data leaves a country acting as an actor, "Jepang
   * juga mengutuk", untagged; the pipeline still counts the place). Where they disagree: a
   * hand-kept name the model cut or crossed ("Yoon" + "Yeol" for Yoon Suk-yeol) is taken whole from
   * the knowledge base; a model name that contains dictionary names ("Kementerian Luar Negeri Korea
   * Selatan") stays whole; the same span typed differently is the hand-kept entry's type, else the
   * model's (a team named after its city is an organisation).
   */
  private List<Found> statistical(
      String field, String text, String language, Dictionary dict, NerModel model) {
    List<NerText.Tok> toks = NerText.tokenize(text);
    List<Found> matches = dict.found();
    String[] hints = hints(toks, matches);
    // 0: not covered, 1: covered by a model name, 2: won over a model name
    byte[] state = new byte[matches.size()];
    Overlaps overlaps = new Overlaps(matches);
    List<Found> out = new ArrayList<>();
    for (NerModel.Span span : model.predict(toks, hints)) {
      EntityType type = typeOf(span.type());
      if (type == null) {
        continue;
      }
      // A name neither starts nor ends with a punctuation token: the model may open a span on
      // the "." or ")" before a name (". Zinoviev" after "Kementerian Luar.") or close it on one
      int from = span.from();
      int to = span.to();
      while (from < to && !hasLetterOrDigit(toks.get(from).text())) {
        from++;
      }
      while (to > from && !closesName(toks, from, to - 1)) {
        to--;
      }
      if (from == to) {
        continue;
      }
      int start = toks.get(from).start();
      int end = toks.get(to - 1).end();
      Found same = null;
      int sameIndex = -1;
      boolean kbWins = false;
      int[] overlapping = overlaps.with(start, end);
      for (int m : overlapping) {
        Found d = matches.get(m);
        int ds = d.mention().start();
        int de = d.mention().end();
        if (ds == start && de == end) {
          if (m > sameIndex) { // of several, the last in dictionary order, as scanned in order
            same = d;
            sameIndex = m;
          }
        } else if ((d.entry().curated() || d.type() == EntityType.LOCATION && d.norms().size() >= 3)
            && (ds < start || de > end)) {
          kbWins = true;
          state[m] = 2;
        }
      }
      if (!kbWins && type == EntityType.ORGANIZATION) {
        kbWins = qualifiedByCountry(text, matches, overlapping, start, end, state);
      }
      if (kbWins) {
        continue;
      }
      for (int m : overlapping) {
        state[m] = 1;
      }
      if (same != null && (same.type() == type || same.entry().curated())) {
        out.add(same);
        continue;
      }
      String surface = text.substring(start, end);
      String norm = Names.normalize(surface);
      if (norm.isEmpty()) {
        continue;
      }
      double conf = MODEL;
      KbEntry entry = byAlias(norm, surface, type, language);
      if (entry != null) {
        conf = entry.curated() ? DICTIONARY_SINGLE : GEONAMES_ONLY;
      } else if (type != EntityType.LOCATION) {
        KbEntry v = kb.byVariant(norm);
        if (v != null && v.type() == type) {
          entry = v;
          conf = VARIANT;
        } else if (kb.countryHead(norm)) {
          type = EntityType.LOCATION; // "Korea" alone, typed a person: the region, unlinked
        }
      }
      out.add(
          new Found(
              field,
              "title".equals(field) ? 0 : 1,
              new Mention(surface, field, start, end),
              List.of(norm.split(" ")),
              entry,
              type,
              conf,
              toks.get(from).sentenceStart(),
              -1,
              -1));
    }
    Set<String> found = new java.util.HashSet<>();
    for (Found f : out) {
      if (f.entry() != null) {
        found.add(f.entry().id());
      }
    }
    for (int m = 0; m < matches.size(); m++) {
      Found d = matches.get(m);
      boolean add =
          state[m] == 2
              || state[m] == 0
                  && d.entry().curated()
                  && (d.type() != EntityType.LOCATION || !found.contains(d.entry().id()));
      if (add) {
        out.add(d);
      }
    }
    variants(field, text, dict, out);
    out.sort(Comparator.comparingInt(f -> f.mention().start()));
    return hygiene(field, text, dict, out, overlaps);
  }

  private static boolean hasLetterOrDigit(String token) {
    for (int i = 0; i < token.length(); ) {
      int c = token.codePointAt(i);
      if (Character.isLetterOrDigit(c)) {
        return true;
      }
      i += Character.charCount(c);
    }
    return false;
  }

  /**
   * Whether token {@code last} may close a name that starts at token {@code first}: it has a letter
   * or digit, or it is a closing bracket whose opening one is in the name ("(BIN)").
   */
  private static boolean closesName(List<NerText.Tok> toks, int first, int last) {
    String t = toks.get(last).text();
    if (hasLetterOrDigit(t)) {
      return true;
    }
    String open = t.equals(")") ? "(" : t.equals("]") ? "[" : null;
    if (open == null) {
      return false;
    }
    for (int k = first; k < last; k++) {
      if (toks.get(k).text().equals(open)) {
        return true;
      }
    }
    return false;
  }

  /**
   * "Badan Intelijen Nasional Korea Selatan": an organisation's name the model found that is a
   * hand-kept organisation followed by a country's name only, the country its canonical name names
   * ("National Intelligence Service (South Korea)"), is that organisation (the country is part of
   * its name, not a place the article names). The hand-kept match wins ({@code state} 2) and the
   * country is covered (1).
   */
  private static boolean qualifiedByCountry(
      String text, List<Found> matches, int[] overlapping, int start, int end, byte[] state) {
    int org = -1;
    int country = -1;
    for (int m : overlapping) {
      Found d = matches.get(m);
      if (d.mention().start() == start
          && d.mention().end() < end
          && d.type() == EntityType.ORGANIZATION
          && d.entry().curated()
          && (org < 0 || d.mention().end() > matches.get(org).mention().end())) {
        org = m;
      } else if (d.mention().end() == end
          && d.mention().start() > start
          && d.type() == EntityType.LOCATION
          && "country".equals(d.entry().subtype())) {
        country = m;
      }
    }
    if (org < 0
        || country < 0
        || !matches
            .get(org)
            .entry()
            .name()
            .endsWith("(" + matches.get(country).entry().name() + ")")) {
      // "National Intelligence Service Kenya" is not South Korea's; the whole bracketed country,
      // not a part of it ("(Nigeria)" does not name Niger)
      return false;
    }
    int gapFrom = matches.get(org).mention().end();
    int gapTo = matches.get(country).mention().start();
    if (gapTo <= gapFrom || !text.substring(gapFrom, gapTo).isBlank()) {
      return false;
    }
    state[org] = 2;
    state[country] = 1;
    return true;
  }

  /**
   * Spelling variants of hand-kept people and organisations among the capitalised words that
   * neither the model nor the dictionary took ("Zelenskyy" for Zelensky).
   */
  private void variants(String field, String text, Dictionary dict, List<Found> out) {
    List<Token> tokens = dict.tokens();
    int n = tokens.size();
    boolean[] taken = dict.used().clone();
    for (Found f : out) {
      // Tokens are in text order and do not overlap: from the first that ends after the mention's
      // start, while they start before its end.
      for (int i = firstEndingAfter(tokens, f.mention().start());
          i < n && tokens.get(i).start() < f.mention().end();
          i++) {
        taken[i] = true;
      }
    }
    for (int i = 0; i < n; ) {
      if (taken[i] || !tokens.get(i).capitalized() || tokens.get(i).numeric()) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < n
          && !taken[end]
          && tokens.get(end).capitalized()
          && joinedBySpace(text, tokens.get(end - 1).end(), tokens.get(end).start())) {
        end++;
      }
      int s = i;
      while (s < end
          && (CommonWords.PERSON_TITLES.contains(tokens.get(s).norm())
              || CommonWords.contains(tokens.get(s).norm()))) {
        s++;
      }
      if (s < end) {
        StringBuilder joined = new StringBuilder();
        for (int k = s; k < end; k++) {
          joined.append(k > s ? " " : "").append(tokens.get(k).norm());
        }
        KbEntry v = kb.byVariant(joined.toString());
        if (v != null) {
          out.add(
              found(field, text, tokens, s, end, v, v.type(), VARIANT, dict.sentenceStart()[s]));
        }
      }
      i = end;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Span hygiene: what a dashboard counts must be a name, whole, and nothing more.

  /** A byline or footer line, tried at the start of each line that starts with a capital. */
  private static final java.util.regex.Pattern BYLINE =
      java.util.regex.Pattern.compile(
          "(?:(?:Penulis|Editor|Penyunting|Reporter|Pewarta|Wartawan|Kontributor"
              + "|Fotografer|Sumber|Writer|Author|Reporting|Editing)\\s*:"
              + "|(?:Laporan\\s+[Ww]artawan|Reporting|Writing|Editing|Additional\\s+reporting"
              + "|Compiled|Written|Photos?)\\s+by\\b"
              + "|By\\s+\\p{Lu}[^\\n.]{0,60}$)");

  /** Words that make a short line a byline: "Sarah Lee, Staff Writer". */
  private static final List<String> BYLINE_WORDS =
      List.of("Staff Writer", "Staff Reporter", "Contributing Writer", "Correspondent");

  /** An agency's credit inside a line: "(Reporting by ...; Editing by ...)". */
  private static final java.util.regex.Pattern CREDIT =
      java.util.regex.Pattern.compile(
          "\\((?:Reporting|Writing|Editing|Additional\\s+reporting)\\s+by[^)\\n]*\\)");

  private static final java.util.regex.Pattern OUTLET =
      java.util.regex.Pattern.compile(
          "(?i)[\\p{L}\\d-]+\\.(?:com|co\\.id|co\\.uk|com\\.au|net|org|id|tv|news)\\b");
  private static final java.util.regex.Pattern DATELINE =
      java.util.regex.Pattern.compile("^\\s*([^\\n]{2,70}?)\\s+[-\u2013\u2014]{1,2}\\s");

  /**
   * The rules every span must pass, on both paths: datelines, bylines, footers and outlet names are
   * never tagged; a span never crosses a line; titles, honorifics and job words stay outside a span
   * and are type evidence ("Dr. Moon" is a person); a span made of a known place and more is split
   * ("Ukraina Volodymyr Zelensky", "Korut-Korsel", "Otoritas Seoul"); capitalised headline words
   * and sentence-initial common words are no names unless the knowledge base knows them; islands,
   * seas and rivers are places, exchanges organisations.
   */
  private List<Found> hygiene(
      String field, String text, Dictionary dict, List<Found> found, Overlaps overlaps) {
    boolean model = overlaps != null;
    int[] excluded = excluded(field, text);
    List<Found> out = new ArrayList<>(found.size());
    Overlaps[] inside = {overlaps};
    for (Found f : found) {
      if (isExcluded(excluded, f.mention().start(), f.mention().end())
          || f.mention().text().indexOf('.') >= 0 && OUTLET.matcher(f.mention().text()).find()) {
        continue;
      }
      if (f.entry() != null) {
        if (personNotPlace(f, dict)) {
          // "Vladimir told reporters", "Bethal said": a given name or a speaker, not the town;
          // unlinked and below the facets' threshold (the article's full name may still claim it)
          out.add(
              new Found(
                  f.field(),
                  f.order(),
                  f.mention(),
                  f.norms(),
                  null,
                  EntityType.PERSON,
                  UNSURE_PERSON,
                  f.sentenceStart(),
                  f.from,
                  f.to));
        } else if (!smallPlaceWithoutEvidence(f, dict, found)) {
          out.add(f);
        }
        continue;
      }
      refine(field, text, dict, f, model, inside, out);
    }
    if (!model) {
      merge(field, text, dict, out);
    }
    out.sort(Comparator.comparingInt(f -> f.mention().start()));
    if (model) { // the rules see every capitalised run, "Pulau Natuna" included
      features(field, text, dict, out);
    }
    return out;
  }

  /**
   * "Pulau Natuna", "Sungai Musi", "Lake Toba": a capitalised island, sea or river word and the
   * capitalised words after it that nothing else took are a place.
   */
  private void features(String field, String text, Dictionary dict, List<Found> out) {
    List<Token> tokens = dict.tokens();
    int n = tokens.size();
    int next = 0; // index in out of the first mention ending after the current token
    List<Found> added = null;
    for (int i = 0; i + 1 < n; i++) {
      Token t = tokens.get(i);
      if (!t.capitalized() || !CommonWords.GEO_FEATURES.contains(t.norm())) {
        continue;
      }
      while (next < out.size() && out.get(next).mention().end() <= t.start()) {
        next++;
      }
      int e = i + 1;
      while (e < n
          && tokens.get(e).capitalized()
          && !tokens.get(e).numeric()
          && joinedBySpace(text, tokens.get(e - 1).end(), tokens.get(e).start())) {
        e++;
      }
      int end = tokens.get(e - 1).end();
      if (e == i + 1
          || next < out.size() && out.get(next).mention().start() < end
          || dict.titleCase() && CommonWords.contains(tokens.get(i + 1).norm())) {
        continue;
      }
      if (added == null) {
        added = new ArrayList<>();
      }
      added.add(found(field, text, tokens, i, e, null, EntityType.LOCATION, RULE_CUED, false));
      i = e - 1;
    }
    if (added != null) {
      out.addAll(added);
      out.sort(Comparator.comparingInt(f -> f.mention().start()));
    }
  }

  /** Character ranges never tagged: the dateline of a body, bylines and footers. */
  private static int[] excluded(String field, String text) {
    int[] out = new int[0];
    boolean body = "body".equals(field);
    java.util.regex.Matcher d = null;
    int n = text.length();
    java.util.regex.Matcher m = null;
    for (int p = 0; p < n; ) {
      int lineEnd = text.indexOf('\n', p);
      if (lineEnd < 0) {
        lineEnd = n;
      }
      int q = p;
      while (q < lineEnd && (text.charAt(q) == ' ' || text.charAt(q) == '\t')) {
        q++;
      }
      if (q < lineEnd && Character.isUpperCase(text.charAt(q))) {
        if (body && q < 600 && dash(text, q, Math.min(lineEnd, q + 75))) {
          // a dateline opens one of the first paragraphs
          if (d == null) {
            d = DATELINE.matcher(text);
          }
          d.region(q, lineEnd);
          if (d.lookingAt() && dateline(d.group(1))) {
            out = Arrays.copyOf(out, out.length + 2);
            out[out.length - 2] = q;
            out[out.length - 1] = d.end(1);
          }
        }
        if (lineEnd - q > 120) { // bylines and footers are short lines
          p = lineEnd + 1;
          continue;
        }
        if (m == null) {
          m = BYLINE.matcher(text);
        }
        m.region(q, lineEnd);
        if (m.lookingAt() || bylineWord(text, q, lineEnd)) {
          out = Arrays.copyOf(out, out.length + 2);
          out[out.length - 2] = q;
          out[out.length - 1] = lineEnd;
        }
      }
      p = lineEnd + 1;
    }
    if (text.indexOf(" by ") >= 0) {
      java.util.regex.Matcher c = CREDIT.matcher(text);
      while (c.find()) {
        out = Arrays.copyOf(out, out.length + 2);
        out[out.length - 2] = c.start();
        out[out.length - 1] = c.end();
      }
    }
    return out;
  }

  /**
   * A body's opening "SEOUL, TRIBUNNEWS.COM -", "Jakarta (ANTARA) -", "LONDON (Reuters) -": short,
   * capitalised words only, with an all-capitals word, an outlet's domain or a bracketed agency.
   */
  private static boolean dateline(String prefix) {
    boolean evidence = prefix.indexOf('(') >= 0 || OUTLET.matcher(prefix).find();
    String rest = OUTLET.matcher(prefix.replaceAll("\\([^)]*\\)", " ")).replaceAll(" ");
    List<Token> ts = Names.tokenize(rest);
    if (ts.isEmpty() && !evidence || ts.size() > 5) {
      return false;
    }
    for (Token t : ts) {
      if (!t.capitalized()) {
        return false;
      }
      if (t.allCaps() && t.text().length() >= 3) {
        evidence = true;
      }
    }
    return evidence;
  }

  private static boolean dash(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c == '-' || c == '\u2013' || c == '\u2014') {
        return true;
      }
    }
    return false;
  }

  private static boolean bylineWord(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c == 'S' || c == 'C') {
        for (String w : BYLINE_WORDS) {
          if (k + w.length() <= to && text.startsWith(w, k)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean lineBetween(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      if (text.charAt(k) == '\n') {
        return true;
      }
    }
    return false;
  }

  private static boolean isExcluded(int[] ranges, int start, int end) {
    for (int k = 0; k < ranges.length; k += 2) {
      if (start < ranges[k + 1] && end > ranges[k]) {
        return true;
      }
    }
    return false;
  }

  /** One span the knowledge base did not link, cleaned, split and retyped by the rules. */
  private void refine(
      String field,
      String text,
      Dictionary dict,
      Found f,
      boolean model,
      Overlaps[] inside,
      List<Found> out) {
    List<Token> tokens = dict.tokens();
    int a = f.from(tokens);
    int b = f.to(tokens);
    if (a >= b) {
      return;
    }
    // never across a line
    for (int k = a + 1; k < b; k++) {
      if (lineBetween(text, tokens.get(k - 1).end(), tokens.get(k).start())) {
        piece(field, text, dict, f, model, inside, a, k, out);
        a = k;
      }
    }
    piece(field, text, dict, f, model, inside, a, b, out);
  }

  private void piece(
      String field,
      String text,
      Dictionary dict,
      Found f,
      boolean model,
      Overlaps[] inside,
      int a,
      int b,
      List<Found> out) {
    List<Token> tokens = dict.tokens();
    EntityType type = f.type();
    if (b - a == 1 && tokens.get(a).text().length() == 1) {
      return; // one letter is no name: "U" of "U.S." as the rules split it
    }
    if (type == null
        && b - a == 1
        && f.mention().text().length() == tokens.get(a).text().length()) {
      out.add(f); // one untyped word of the rules: kept only if part of a full name (resolve)
      return;
    }
    boolean changed = a != f.from(tokens);
    // leading titles, honorifics and job words: outside the span, evidence of a person
    boolean person = false;
    int s = a;
    boolean cue = false;
    int k = a;
    while (k < b - 1 && isTitle(tokens.get(k).norm())) {
      String w = tokens.get(k).norm();
      boolean honorific = honorific(tokens.get(k));
      if (!honorific
          && CommonWords.HONORIFICS.contains(w)
          && (tokens.get(k).allCaps() || !isTitle2(w))) {
        break; // "MS Hidayat", "H.M. Prasetyo": initials, not a title
      }
      cue |= CommonWords.PERSON_CUES.contains(w) || honorific;
      person |= honorific;
      k++;
    }
    if (person || cue && type != EntityType.LOCATION) {
      s = k;
    }
    while (s < b - 1
        && (!model || type != EntityType.ORGANIZATION) // "Pasukan Misrata" is a name
        && CommonWords.NOT_NAMES.contains(tokens.get(s).norm())) {
      s++;
    }
    boolean compass = false;
    while (model && s < b - 1 && TRAILING_COMPASS.contains(tokens.get(s).norm())) {
      s++;
      compass = true;
    }
    int e = b;
    while (e > s
        && (model
            ? QUANTITIES.contains(tokens.get(e - 1).norm())
                || CONNECTORS.contains(tokens.get(e - 1).norm())
            : trailingNoise(tokens.get(e - 1).norm()))) {
      e--;
    }
    if (model
        && type == EntityType.ORGANIZATION
        && e - s >= 3
        && CommonWords.ORG_WORDS.contains(tokens.get(s).norm())
        && tokens.get(e - 1).capitalized()
        && (kb.givenName(tokens.get(e - 1).norm()) || kb.personWord(tokens.get(e - 1).norm()))) {
      // "Kementerian Luar Negeri Inggris David", "... Kim": an institution's name does not end in
      // a word of a hand-kept person's name; the model glued the next speaker's name to it
      e--;
    }
    if (e <= s) {
      return;
    }
    if (!model
        && e - s >= 2
        && isTitle(tokens.get(e - 1).norm())
        && !CommonWords.ORG_WORDS.contains(tokens.get(s).norm())
        && !orgWords(tokens, s, e)) {
      // "Indonesian Foreign [Minister]": a modifier of a title, a name only if known
      while (e > s && isTitle(tokens.get(e - 1).norm())) {
        e--;
      }
      if (e > s) {
        leftover(field, text, dict, f, s, e, null, out);
      }
      return;
    }
    changed |= s != a || e != b;
    boolean geo =
        CommonWords.GEO_FEATURES.contains(tokens.get(s).norm())
            || GEO_TAILS.contains(tokens.get(e - 1).norm());
    // a title inside: "Australian Foreign Minister Penny Wong", "Rusia Presiden Putin"
    if (type != EntityType.LOCATION) {
      for (int m = s + 1; m < e - 1; m++) {
        String w = tokens.get(m).norm();
        if (CommonWords.PERSON_CUES.contains(w) && w.length() > 1) {
          int l = m;
          while (l > s && isTitle(tokens.get(l - 1).norm())) {
            l--;
          }
          int r = m + 1;
          while (r < e - 1 && isTitle(tokens.get(r).norm())) {
            r++;
          }
          if (l > s) {
            leftover(field, text, dict, f, s, l, null, out);
          }
          leftover(field, text, dict, f, r, e, EntityType.PERSON, out);
          return;
        }
      }
    }
    // "Direktur Utama PT Pertamina Nicke Widyawati": after a job title, an organisation's name
    // followed by two name words is the organisation and the person holding the job
    if (type == EntityType.ORGANIZATION && e - s >= 4 && roleBefore(tokens, s)) {
      boolean nameWords = true;
      for (int m = e - 2; m < e; m++) {
        nameWords &=
            nameLike(tokens.get(m))
                && !CommonWords.MEDIA_WORDS.contains(tokens.get(m).norm())
                && kb.candidates(tokens.get(m).norm()).isEmpty(); // "Perencanaan Indonesia"
      }
      if (nameWords && orgWords(tokens, s, e - 2, CommonWords.ORG_WORDS)) {
        leftover(field, text, dict, f, s, e - 2, EntityType.ORGANIZATION, out);
        leftover(field, text, dict, f, e - 2, e, EntityType.PERSON, out);
        return;
      }
    }
    // known names inside a longer span that is not an organisation's name
    if (model
        && !geo
        && !orgWords(tokens, s, e, CommonWords.ORG_WORDS)
        && !orgWords(tokens, s, e, EXCHANGES)) {
      if (inside[0] == null) {
        inside[0] = new Overlaps(dict.found());
      }
      int start = tokens.get(s).start();
      int end = tokens.get(e - 1).end();
      if (type == EntityType.LOCATION) {
        // places joined by a hyphen and nothing else are several: "Korut-Korsel", "Jakarta-Bandung"
        List<Found> places = new ArrayList<>();
        for (int m : inside[0].with(start, end)) {
          Found d = dict.found().get(m);
          if (d.type() == EntityType.LOCATION
              && d.mention().start() >= start
              && d.mention().end() <= end) {
            places.add(d);
          }
        }
        List<Found> parts = hyphenated(text, start, end, places);
        if (parts != null) {
          out.addAll(parts);
          return;
        }
      }
      List<Found> known = new ArrayList<>();
      for (int m : inside[0].with(start, end)) {
        Found d = dict.found().get(m);
        boolean strong =
            d.entry().curated()
                || "country".equals(d.entry().subtype())
                || d.mention().end() - d.mention().start() > 0 && d.norms().size() >= 2;
        if (strong
            && d.mention().start() >= start
            && d.mention().end() <= end
            && (changed || d.mention().start() > start || d.mention().end() < end)) {
          known.add(d);
        }
      }
      known.sort(Comparator.comparingInt(d -> d.mention().start()));
      if (!known.isEmpty() && splits(tokens, s, e, known, type)) {
        int from = s;
        for (Found d : known) {
          int ds = firstEndingAfter(tokens, d.mention().start());
          if (ds < from) {
            continue;
          }
          if (ds > from) {
            leftover(field, text, dict, f, from, ds, null, out);
          }
          out.add(d);
          from = ds + d.norms().size();
          while (from < e && tokens.get(from).start() < d.mention().end()) {
            from++;
          }
        }
        if (from < e) {
          leftover(field, text, dict, f, from, e, null, out);
        }
        return;
      }
    }
    if (model && e - s <= 2 && headWordsOnly(tokens, s, e)) {
      return; // "Kementerian", "Kementerian Luar", "Semenanjung": a name cut to its generic head
    }
    if (person) {
      type = EntityType.PERSON;
    }
    if (dict.titleCase()
        && dict.other()[0] != null
        && !person
        && !cue
        && headlineWords(dict, s, e)) {
      return; // "Buruh Demo", "Depan Istana": a title-case headline's common words
    }
    type = retype(tokens, s, e, type);
    if (!changed && type == f.type()) {
      if (type == null || !commonWord(text, dict, s, e)) {
        out.add(f);
      }
      return;
    }
    if (commonWord(text, dict, s, e)) {
      return;
    }
    Found rest = linked(field, text, dict, s, e, type, f.confidence());
    if (compass && rest.entry() == null) {
      return; // "Selatan Yoon": what is left after a stray compass word is no evidence of a name
    }
    out.add(rest);
  }

  /**
   * Whether a span with known names inside is several names: a place is among them and every other
   * part is empty ("Korut-Korsel"), words that are no names ("Otoritas Seoul"), a known name
   * ("Ukraina Zelensky") or an outlet or organisation after a country ("Ukraina Defence Express").
   * Otherwise the place is part of the name: "Jakarta Pusat", "Serikat Petani Indonesia".
   */
  private boolean splits(List<Token> tokens, int s, int e, List<Found> known, EntityType type) {
    if (known.stream().noneMatch(d -> d.type() == EntityType.LOCATION)
        && !(type == EntityType.LOCATION && known.get(0).entry().curated())
        && !(type != EntityType.LOCATION && personWordsBeside(tokens, s, e, known))) {
      return false; // a place's span with a known person or organisation in it is no place
    }
    if (type == EntityType.LOCATION
        && known.stream().allMatch(d -> d.type() == EntityType.LOCATION)
        && known.stream().noneMatch(EntityTagger::country)) {
      return false; // "Jakarta Pusat": one place as the model read it
    }
    int from = s;
    Found before = null;
    for (int i = 0; i <= known.size(); i++) {
      int to = e;
      if (i < known.size()) {
        to = firstEndingAfter(tokens, known.get(i).mention().start());
        if (to < from) {
          return false;
        }
      }
      Found after = i < known.size() ? known.get(i) : null;
      if (to > from && !gapSplits(tokens, from, to, before, after, type)) {
        return false;
      }
      if (i < known.size()) {
        before = known.get(i);
        from = firstEndingAfter(tokens, before.mention().end());
      }
    }
    return true;
  }

  /**
   * The places that cover {@code start..end} exactly, one after the other, each pair joined by one
   * hyphen and nothing else (the longest place at each step), or null if there are not two such.
   */
  private static List<Found> hyphenated(String text, int start, int end, List<Found> places) {
    List<Found> parts = new ArrayList<>();
    int at = start;
    while (true) {
      Found next = null;
      for (Found d : places) {
        int de = d.mention().end();
        if (d.mention().start() == at
            && (de == end || de < end && text.charAt(de) == '-')
            && (next == null || de > next.mention().end())) {
          next = d;
        }
      }
      if (next == null) {
        return null;
      }
      parts.add(next);
      if (next.mention().end() == end) {
        return parts.size() >= 2 ? parts : null;
      }
      at = next.mention().end() + 1;
    }
  }

  private boolean gapSplits(
      List<Token> tokens, int from, int to, Found before, Found after, EntityType type) {
    boolean junk = true;
    boolean directions = true;
    boolean names = true;
    StringBuilder norm = new StringBuilder();
    for (int k = from; k < to; k++) {
      String w = tokens.get(k).norm();
      junk &= CommonWords.NOT_NAMES.contains(w) || CONNECTORS.contains(w);
      directions &= DIRECTIONS.contains(w);
      names &= tokens.get(k).capitalized() && !DIRECTIONS.contains(w) && !CONNECTORS.contains(w);
      norm.append(k > from ? " " : "").append(w);
    }
    if (junk) {
      return true;
    }
    // a known name with only words of a hand-kept person's name beside it, in a person's or an
    // organisation's span: "Rusia Vladimir", "Kim Rusia", "Kremlin Dmitry" (not "Garuda
    // Indonesia", "Bank Indonesia": no person's words)
    if (type != EntityType.LOCATION && personWords(tokens, from, to)) {
      return true;
    }
    // a bare compass word opening the span, or after a place whose name ends with one: "Selatan
    // Yoon Suk Yeol", "Korea Utara Utara", "Korea Selatan Utara" (a compass word after a place is
    // otherwise part of it: "Ukraina Utara")
    if (directions
        && (before == null || DIRECTIONS.contains(before.norms().get(before.norms().size() - 1)))) {
      return true;
    }
    String key = norm.toString();
    for (Candidate c : kb.candidates(key)) {
      if (c.entry().curated() || "country".equals(c.entry().subtype())) {
        return true; // "Korea Rusia": two countries side by side
      }
    }
    if (kb.countryHead(key)) {
      return true; // "Rusia Korea": a country beside the name two countries share
    }
    // a country at the edge of a person's or a place's span, unknown name words on the other
    // side: "Ukraina Volodymyr", "Korea Selatan Yoon", "Besar Rusia" (the country is no part of a
    // person's name, and a place's name does not go on after a country's whole name)
    if (names
        && (type == EntityType.PERSON || type == EntityType.LOCATION)
        && (before == null ? after != null && country(after) : after == null && country(before))) {
      return true;
    }
    if (kb.byVariant(key) != null) {
      return true;
    }
    return before != null
        && "country".equals(before.entry().subtype())
        && orgWords(tokens, from, to);
  }

  /** Whether every word of {@code from..to} is a word of a hand-kept person's name. */
  private boolean personWords(List<Token> tokens, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!tokens.get(k).capitalized() || !kb.personWord(tokens.get(k).norm())) {
        return false;
      }
    }
    return to > from;
  }

  /**
   * Whether the words of {@code s..e} outside the known names are all words of hand-kept people's
   * names ("Kremlin Dmitry"), and there are some.
   */
  private boolean personWordsBeside(List<Token> tokens, int s, int e, List<Found> known) {
    boolean any = false;
    int from = s;
    for (int i = 0; i <= known.size(); i++) {
      int to = i < known.size() ? firstEndingAfter(tokens, known.get(i).mention().start()) : e;
      if (to > from) {
        if (!personWords(tokens, from, to)) {
          return false;
        }
        any = true;
      }
      if (i < known.size()) {
        from = Math.max(from, firstEndingAfter(tokens, known.get(i).mention().end()));
      }
    }
    return any;
  }

  /** Compass words, written after a place's name ({@link CommonWords#COMPASS}). */
  private static final Set<String> DIRECTIONS = CommonWords.COMPASS;

  /**
   * Indonesian compass words, which follow a place's name ("Jawa Barat") and never open one: a span
   * the model opens with one lost the place before it ("[Korea] Selatan Yoon"). Not "timur" (a
   * given name) nor "tengah".
   */
  private static final Set<String> TRAILING_COMPASS =
      Set.of("utara", "selatan", "barat", "tenggara");

  private static boolean country(Found d) {
    return d.type() == EntityType.LOCATION && "country".equals(d.entry().subtype());
  }

  /**
   * Whether every word of the span is a generic head of a name (an organisation's word, a title's
   * word, a natural feature's word) or a word that is no name ("Bangsa-Bangsa"). Of one or two
   * words ("Kementerian", "Kementerian Luar", "Semenanjung") such a span is what is left of a cut
   * name ("Kementerian Luar Negeri Korea", "Semenanjung Korea") and names nothing on a top list;
   * three make an institution's generic name, kept ("Kementerian Luar Negeri", the foreign
   * ministry). Acronyms are names.
   */
  private static boolean headWordsOnly(List<Token> tokens, int s, int e) {
    for (int k = s; k < e; k++) {
      Token t = tokens.get(k);
      String w = t.norm();
      if (t.allCaps()
          || !(CommonWords.ORG_WORDS.contains(w)
              || CommonWords.NOT_NAMES.contains(w)
              || CommonWords.GEO_FEATURES.contains(w)
              || CommonWords.PERSON_TITLES.contains(w))) {
        return false;
      }
    }
    return true;
  }

  /** What is left of a span beside a title or a known name: linked if known, typed by rule. */
  private void leftover(
      String field,
      String text,
      Dictionary dict,
      Found f,
      int s,
      int e,
      EntityType type,
      List<Found> out) {
    List<Token> tokens = dict.tokens();
    while (s < e && noise(tokens.get(s).norm())) {
      s++;
    }
    while (e > s && trailingNoise(tokens.get(e - 1).norm())) {
      e--;
    }
    if (e <= s || commonWord(text, dict, s, e)) {
      return;
    }
    String surface = text.substring(tokens.get(s).start(), tokens.get(e - 1).end());
    String norm = Names.normalize(surface);
    KbEntry entry = null;
    for (Candidate c : kb.candidates(norm)) {
      if (c.entry().curated() || "country".equals(c.entry().subtype())) {
        entry = c.entry();
        break;
      }
    }
    if (entry == null) {
      entry = kb.byVariant(norm);
    }
    if (entry != null) {
      out.add(
          found(field, text, tokens, s, e, entry, entry.type(), VARIANT, dict.sentenceStart()[s]));
      return;
    }
    if (e - s == 1 && kb.countryHead(tokens.get(s).norm())) {
      // "Korea" split from "Rusia Korea": the name two countries share, a place, unlinked
      out.add(
          found(
              field,
              text,
              tokens,
              s,
              e,
              null,
              EntityType.LOCATION,
              RULE_CUED,
              dict.sentenceStart()[s]));
      return;
    }
    if (type == null) {
      if (orgWords(tokens, s, e)) {
        type = EntityType.ORGANIZATION;
      } else if (e - s == 1) {
        return; // one unknown word beside a name: no evidence it is a name
      } else if (personWords(tokens, s, e)) {
        type = EntityType.PERSON; // "Yoon Suk" of "Yoon Suk Rusia": a person's words
      } else {
        type = f.type() == EntityType.LOCATION ? EntityType.PERSON : f.type();
      }
    }
    type = retype(tokens, s, e, type);
    out.add(found(field, text, tokens, s, e, null, type, RULE_CUED, dict.sentenceStart()[s]));
  }

  /** The span linked to the knowledge base when known, else unlinked with that type. */
  private Found linked(
      String field, String text, Dictionary dict, int s, int e, EntityType type, double conf) {
    List<Token> tokens = dict.tokens();
    String surface = text.substring(tokens.get(s).start(), tokens.get(e - 1).end());
    String norm = Names.normalize(surface);
    KbEntry entry = byAlias(norm, surface, type, null);
    if (entry == null && type != EntityType.LOCATION) {
      KbEntry v = kb.byVariant(norm);
      if (v != null && v.type() == type) {
        entry = v;
      }
    }
    if (entry != null && !entry.curated() && e - s == 1) {
      entry = null; // a one-word GeoNames place needs the dictionary's evidence
    }
    return found(
        field,
        text,
        tokens,
        s,
        e,
        entry,
        type,
        entry != null ? VARIANT : conf,
        dict.sentenceStart()[s]);
  }

  /** Islands, seas and rivers are places; an exchange is an organisation. */
  private static EntityType retype(List<Token> tokens, int s, int e, EntityType type) {
    String first = tokens.get(s).norm();
    String last = tokens.get(e - 1).norm();
    if (e - s >= 2
        && (CommonWords.GEO_FEATURES.contains(first) || GEO_TAILS.contains(last))
        && !orgWords(tokens, s, e)) {
      return EntityType.LOCATION;
    }
    if (type == EntityType.LOCATION && e - s >= 2) {
      for (int k = s; k < e; k++) {
        String w = tokens.get(k).norm();
        if (EXCHANGES.contains(w)) {
          return EntityType.ORGANIZATION;
        }
      }
    }
    return type;
  }

  /**
   * One capitalised word that is a common word here: a headline verb or noun of the list, in a
   * title-case headline the unknown word right after one of them, or a word written in lower case
   * elsewhere in the text, in a title-case headline or starting a sentence.
   */
  private static boolean commonWord(String text, Dictionary dict, int s, int e) {
    if (e - s != 1) {
      return false;
    }
    Token t = dict.tokens().get(s);
    if (t.allCaps() && t.text().length() <= 5) {
      return false; // an acronym
    }
    if (CommonWords.NOT_NAMES.contains(t.norm()) || CommonWords.contains(t.norm())) {
      return true;
    }
    if (dict.titleCase()
        && s > 0
        && CommonWords.NOT_NAMES.contains(dict.tokens().get(s - 1).norm())
        && joinedBySpace(text, dict.tokens().get(s - 1).end(), t.start())) {
      return true; // "Kenaikan Tarif": the object of a headline verb or noun, capitalised by the
      // case
    }
    return (dict.titleCase() || dict.sentenceStart()[s]) && lowerCaseElsewhere(dict, t.norm());
  }

  /**
   * In a title-case headline, whether every word of {@code s..e} is a common word: listed, or
   * written in lower case elsewhere in the headline or in the article's body ("Buruh Demo" over
   * "ribuan buruh menggelar demo"). Acronyms and numbers are names.
   */
  private static boolean headlineWords(Dictionary dict, int s, int e) {
    String body = dict.other()[0];
    List<Token> tokens = dict.tokens();
    for (int k = s; k < e; k++) {
      Token t = tokens.get(k);
      String w = t.norm();
      if (t.allCaps() && t.text().length() <= 5 || t.numeric()) {
        return false;
      }
      if (!CommonWords.NOT_NAMES.contains(w)
          && !CommonWords.contains(w)
          && !lowerCaseElsewhere(dict, w)
          && !(body != null && lowerCaseInBody(dict, w))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the article's body ({@link Dictionary#other}) writes this normalised word in lower
   * case: the body's lower-case words are collected once per article, when a title-case headline
   * first asks.
   */
  private static boolean lowerCaseInBody(Dictionary dict, String norm) {
    if (dict.otherLowerCase().isEmpty()) {
      Set<String> words = new java.util.HashSet<>();
      for (Token t : Names.tokenize(dict.other()[0])) {
        if (Character.isLowerCase(t.text().charAt(0))) {
          words.add(t.norm());
        }
      }
      dict.otherLowerCase().add(words);
    }
    return dict.otherLowerCase().get(0).contains(norm);
  }

  /** Whether the field writes this word in lower case somewhere. */
  private static boolean lowerCaseElsewhere(Dictionary dict, String norm) {
    if (dict.lowerCase().isEmpty()) {
      if (dict.questions()[0]++ < 8) { // the first few questions: a scan is cheaper than a set
        for (Token t : dict.tokens()) {
          if (Character.isLowerCase(t.text().charAt(0)) && t.norm().equals(norm)) {
            return true;
          }
        }
        return false;
      }
      Set<String> words = new java.util.HashSet<>(); // built once per field, when asked often
      for (Token t : dict.tokens()) {
        if (Character.isLowerCase(t.text().charAt(0))) {
          words.add(t.norm());
        }
      }
      dict.lowerCase().add(words);
    }
    return dict.lowerCase().get(0).contains(norm);
  }

  /** Below this population a one-word GeoNames place needs evidence in the text. */
  static final long SMALL_PLACE = 100_000;

  /**
   * A one-word GeoNames place of under {@link #SMALL_PLACE} people ("Officer", "Mobile" in another
   * country) named without evidence: no locative preposition before it ("in", "di") and no other
   * place of its country in the field. Capitals and hand-kept places always count.
   */
  private static boolean smallPlaceWithoutEvidence(Found f, Dictionary dict, List<Found> found) {
    KbEntry e = f.entry();
    if (e.curated()
        || e.type() != EntityType.LOCATION
        || !"city".equals(e.subtype())
        || e.population() >= SMALL_PLACE
        || f.norms().size() != 1) {
      return false;
    }
    List<Token> tokens = dict.tokens();
    int k = f.from(tokens);
    if (k > 0 && CommonWords.LOCATIVE.contains(tokens.get(k - 1).norm())) {
      return false; // "in Officer"
    }
    String w = tokens.get(k).norm();
    boolean word =
        isTitle(w)
            || CommonWords.ORG_WORDS.contains(w)
            || CommonWords.NOT_NAMES.contains(w)
            || CommonWords.MEDIA_WORDS.contains(w)
            || CommonWords.GEO_FEATURES.contains(w);
    if (!word && !lowerCaseElsewhere(dict, w)) {
      return false; // not a word of the language
    }
    if (e.country() == null) {
      return true;
    }
    for (Found o : found) {
      if (o != f
          && o.entry() != null
          && e.country().equals(o.entry().country())
          && o.entry().type() == EntityType.LOCATION) {
        return false;
      }
    }
    return true;
  }

  /**
   * A one-word city only GeoNames knows, without a Wikidata id (no capital) and with no locative
   * preposition before it, that is a given name of a person of the knowledge base ("Vladimir told
   * reporters") or, if under {@link #SMALL_PLACE} people, a speaker: a speech verb right after it
   * or "menurut" / "according to" right before it ("Bethal said", "Menurut Bethal,").
   */
  private boolean personNotPlace(Found f, Dictionary dict) {
    KbEntry e = f.entry();
    if (e.curated()
        || e.type() != EntityType.LOCATION
        || !"city".equals(e.subtype())
        || e.externalIds().containsKey("wikidata")
        || f.norms().size() != 1) {
      return false;
    }
    List<Token> tokens = dict.tokens();
    int k = f.from(tokens);
    if (k > 0
        && (CommonWords.LOCATIVE.contains(tokens.get(k - 1).norm())
            || CONNECTORS.contains(tokens.get(k - 1).norm()))) {
      return false; // "di Vladimir", "in Bethal", "the town of Chatelet"
    }
    String w = f.norms().get(0);
    boolean given = kb.givenName(w);
    if (given && namedInFull(w, dict)) {
      return true; // "Vladimir" with "Vladimir Putin" in the field: his, not the city
    }
    String before = k > 0 ? tokens.get(k - 1).norm() : "";
    String after = k + 1 < tokens.size() ? tokens.get(k + 1).norm() : "";
    boolean speaker =
        before.equals("menurut")
            || before.equals("to") && k > 1 && tokens.get(k - 2).norm().equals("according")
            || CommonWords.SPEECH.contains(after) && !after.equals("menurut");
    if (given && speaker) {
      return true; // "Vladimir told reporters": a speaker, not the city
    }
    if (e.population() >= SMALL_PLACE) {
      return false; // "drones hit Vladimir": a city of 350,000 named without a cue is the city
    }
    return given || speaker;
  }

  /** Whether the field names, in full, a hand-kept person one of whose words is {@code word}. */
  private static boolean namedInFull(String word, Dictionary dict) {
    for (Found d : dict.found()) {
      if (d.entry() != null
          && d.entry().type() == EntityType.PERSON
          && d.norms().size() >= 2
          && d.norms().contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** A job title right before token {@code s} ("Direktur Utama", "CEO"). */
  private static boolean roleBefore(List<Token> tokens, int s) {
    for (int k = s - 1; k >= 0 && k >= s - 3 && isTitle(tokens.get(k).norm()); k--) {
      if (CommonWords.PERSON_CUES.contains(tokens.get(k).norm())) {
        return true;
      }
    }
    return false;
  }

  /** "Dr.", "Tn.", "Bapak", "Mr": an honorific as written (not "MS" or "H" of initials). */
  private static boolean honorific(Token t) {
    return CommonWords.HONORIFICS.contains(t.norm()) && !t.allCaps() && t.text().length() > 1;
  }

  /** A title or job word besides the honorifics list. */
  private static boolean isTitle2(String w) {
    return CommonWords.PERSON_TITLES.contains(w) || CommonWords.ROLES.contains(w);
  }

  private static final Set<String> QUANTITIES =
      Set.of("ratusan", "ribuan", "puluhan", "jutaan", "sejumlah", "beberapa");

  private static final Set<String> GEO_TAILS =
      Set.of(
          "island",
          "islands",
          "isle",
          "isles",
          "sea",
          "ocean",
          "river",
          "strait",
          "straits",
          "gulf",
          "bay",
          "lake",
          "mountains",
          "peninsula",
          "canal",
          "archipelago");

  private static boolean isTitle(String w) {
    return CommonWords.PERSON_TITLES.contains(w)
        || CommonWords.HONORIFICS.contains(w)
        || CommonWords.ROLES.contains(w);
  }

  private static boolean noise(String w) {
    return isTitle(w)
        || CommonWords.NOT_NAMES.contains(w)
        || CommonWords.contains(w)
        || CONNECTORS.contains(w);
  }

  private static boolean trailingNoise(String w) {
    return CommonWords.NOT_NAMES.contains(w)
        || CONNECTORS.contains(w)
        || CommonWords.PERSON_CUES.contains(w)
        || CommonWords.HONORIFICS.contains(w);
  }

  private static boolean orgWords(List<Token> tokens, int s, int e) {
    return orgWords(tokens, s, e, CommonWords.ORG_WORDS)
        || orgWords(tokens, s, e, CommonWords.MEDIA_WORDS);
  }

  private static boolean orgWords(List<Token> tokens, int s, int e, Set<String> words) {
    for (int k = s; k < e; k++) {
      if (words.contains(tokens.get(k).norm())) {
        return true;
      }
    }
    return false;
  }

  /**
   * English rules: a place glued to an organisation after it is one name ("New York" + "Stock
   * Exchange", "Manchester" + "United"); so is an organisation word, "of" and a place ("University
   * of California", "Bank of England"); a place and an island, sea or river word is one place
   * ("South China Sea", "Mekong River").
   */
  private void merge(String field, String text, Dictionary dict, List<Found> out) {
    out.sort(Comparator.comparingInt(f -> f.mention().start()));
    List<Token> tokens = dict.tokens();
    for (int i = 0; i + 1 < out.size(); i++) {
      Found x = out.get(i);
      Found y = out.get(i + 1);
      boolean locOrg =
          x.type() == EntityType.LOCATION
              && y.entry() == null
              && y.type() == EntityType.ORGANIZATION;
      boolean orgLoc =
          x.type() == EntityType.ORGANIZATION
              && x.entry() == null
              && y.type() == EntityType.LOCATION;
      if (!locOrg && !orgLoc || y.mention().start() - x.mention().end() > 60) {
        continue;
      }
      int xs = x.from(tokens);
      int xe = x.to(tokens);
      int ys = y.from(tokens);
      int ye = y.to(tokens);
      boolean adjacent = xe <= ys && xe > xs;
      for (int k = xe; adjacent && k <= ys && k < tokens.size(); k++) {
        adjacent =
            joinedBySpace(text, tokens.get(k - 1).end(), tokens.get(k).start())
                && (k == ys || tokens.get(k).capitalized());
      }
      boolean ofPlace =
          xe + 1 == ys
              && x.type() == EntityType.ORGANIZATION
              && x.entry() == null
              && y.type() == EntityType.LOCATION
              && (tokens.get(xe).norm().equals("of") || tokens.get(xe).norm().equals("for"))
              && tokens.get(xe).start() - x.mention().end() <= 1
              && y.mention().start() - tokens.get(xe).end() <= 1;
      EntityType type = null;
      if (adjacent
          && x.type() == EntityType.LOCATION
          && y.entry() == null
          && y.type() == EntityType.ORGANIZATION
          && orgWords(tokens, ys, ye)) {
        type = EntityType.ORGANIZATION;
      } else if (ofPlace) {
        type = EntityType.ORGANIZATION;
      }
      if (type != null) {
        out.set(i, found(field, text, tokens, xs, ye, null, type, RULE_CUED, x.sentenceStart()));
        out.remove(i + 1);
        i--;
      }
    }
    // "University of Oxford": an organisation word and "of" before a place the dictionary took
    for (int i = 0; i < out.size(); i++) {
      Found y = out.get(i);
      int ys = y.mention().start();
      if (y.type() != EntityType.LOCATION
          || ys < 4
          || !(text.startsWith("of", ys - 3) || ys >= 5 && text.startsWith("for", ys - 4))) {
        continue;
      }
      int k = firstEndingAfter(tokens, ys);
      if (k < 2
          || !(tokens.get(k - 1).norm().equals("of") || tokens.get(k - 1).norm().equals("for"))
          || !tokens.get(k - 2).capitalized()
          || !CommonWords.ORG_WORDS.contains(tokens.get(k - 2).norm())
          || !joinedBySpace(text, tokens.get(k - 2).end(), tokens.get(k - 1).start())
          || !joinedBySpace(text, tokens.get(k - 1).end(), tokens.get(k).start())
          || i > 0 && out.get(i - 1).mention().end() > tokens.get(k - 2).start()) {
        continue;
      }
      int from = k - 2;
      while (from > 0
          && tokens.get(from - 1).capitalized()
          && !CommonWords.contains(tokens.get(from - 1).norm())
          && joinedBySpace(text, tokens.get(from - 1).end(), tokens.get(from).start())
          && (i == 0 || out.get(i - 1).mention().end() <= tokens.get(from - 1).start())) {
        from--;
      }
      out.set(
          i,
          found(
              field,
              text,
              tokens,
              from,
              firstEndingAfter(tokens, y.mention().end() - 1) + 1,
              null,
              EntityType.ORGANIZATION,
              RULE_CUED,
              y.sentenceStart()));
    }
    // a place followed by a geographic feature word, and a compass word before it
    for (int i = 0; i < out.size(); i++) {
      Found x = out.get(i);
      int after = x.mention().end() + 1;
      if (x.type() != EntityType.LOCATION
          || after >= text.length()
          || !Character.isUpperCase(text.charAt(after))) {
        continue;
      }
      int xs = x.from(tokens);
      int xe = x.to(tokens);
      if (xe < tokens.size()
          && CommonWords.GEO_FEATURES.contains(tokens.get(xe).norm())
          && tokens.get(xe).capitalized()
          && joinedBySpace(text, x.mention().end(), tokens.get(xe).start())) {
        int from = xs;
        if (from > 0
            && COMPASS.contains(tokens.get(from - 1).norm())
            && tokens.get(from - 1).capitalized()
            && joinedBySpace(text, tokens.get(from - 1).end(), x.mention().start())) {
          from--;
        }
        int to = xe + 1;
        if (i + 1 < out.size() && out.get(i + 1).mention().start() < tokens.get(xe).end()) {
          out.remove(i + 1);
        }
        out.set(
            i, found(field, text, tokens, from, to, null, EntityType.LOCATION, RULE_CUED, false));
      }
    }
  }

  private static final Set<String> EXCHANGES = Set.of("exchange", "bursa", "bourse");

  private static final Set<String> COMPASS =
      Set.of("north", "south", "east", "west", "northern", "southern", "eastern", "western");

  /**
   * Which dictionary matches overlap a span, without trying every match for every span: matches
   * ordered by start, with the greatest end among each prefix of that order.
   */
  private static final class Overlaps {
    private final Integer[] byStart;
    private final int[] starts;
    private final int[] maxEnd;
    private final List<Found> matches;

    Overlaps(List<Found> matches) {
      this.matches = matches;
      int n = matches.size();
      byStart = new Integer[n];
      for (int i = 0; i < n; i++) {
        byStart[i] = i;
      }
      Arrays.sort(byStart, Comparator.comparingInt(i -> matches.get(i).mention().start()));
      starts = new int[n];
      maxEnd = new int[n];
      for (int k = 0; k < n; k++) {
        Mention m = matches.get(byStart[k]).mention();
        starts[k] = m.start();
        maxEnd[k] = Math.max(k == 0 ? Integer.MIN_VALUE : maxEnd[k - 1], m.end());
      }
    }

    /** Indices of the matches with start < {@code end} and end > {@code start}, any order. */
    int[] with(int start, int end) {
      int lo = 0;
      int hi = starts.length;
      while (lo < hi) { // the first match starting at or after end
        int mid = (lo + hi) >>> 1;
        if (starts[mid] < end) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      int[] out = new int[0];
      int n = 0;
      for (int k = lo - 1; k >= 0 && maxEnd[k] > start; k--) {
        int m = byStart[k];
        if (matches.get(m).mention().end() > start) {
          if (n == out.length) {
            out = Arrays.copyOf(out, Math.max(4, 2 * n));
          }
          out[n++] = m;
        }
      }
      return n == out.length ? out : Arrays.copyOf(out, n);
    }
  }

  /** The index of the first token ending after {@code position} ({@code tokens.size()} if none). */
  private static int firstEndingAfter(List<Token> tokens, int position) {
    int lo = 0;
    int hi = tokens.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.get(mid).end() > position) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The entry of that type with this alias: hand-kept first, then the most populous. */
  private KbEntry byAlias(String norm, String surface, EntityType type, String language) {
    KbEntry best = null;
    for (Candidate c : kb.candidates(norm)) {
      KbEntry e = c.entry();
      if (e.type() != type
          || c.alias().exactCase() && !c.alias().text().equals(surface)
          || c.alias().language() != null && !c.alias().language().equals(language)) {
        continue;
      }
      if (best == null
          || e.rank() > best.rank()
          || e.rank() == best.rank() && e.population() > best.population()) {
        best = e;
      }
    }
    return best;
  }

  private static EntityType typeOf(String modelType) {
    return switch (modelType) {
      case "PER" -> EntityType.PERSON;
      case "ORG" -> EntityType.ORGANIZATION;
      case "LOC" -> EntityType.LOCATION;
      default -> null;
    };
  }

  /**
   * The knowledge base's word per token for the name finder: {@code B-LOC-g} (first word of a
   * GeoNames place), {@code I-PER-c} (a later word of a hand-kept person), null where the
   * dictionary found nothing.
   */
  private static String[] hints(List<NerText.Tok> toks, List<Found> matches) {
    String[] hints = new String[toks.size()];
    int k = 0;
    for (Found f : matches) {
      int s = f.mention().start();
      int e = f.mention().end();
      while (k > 0 && toks.get(k - 1).end() > s) {
        k--;
      }
      while (k < toks.size() && toks.get(k).end() <= s) {
        k++;
      }
      boolean first = true;
      String suffix =
          f.type().name().substring(0, 3)
              + (f.entry() != null && f.entry().curated() ? "-c" : "-g");
      for (int i = k; i < toks.size() && toks.get(i).start() < e; i++) {
        hints[i] = (first ? "B-" : "I-") + suffix;
        first = false;
      }
    }
    return hints;
  }

  /** The knowledge base's hints for tokens of a text: what {@link NerModel} is trained with. */
  public String[] hints(String text, List<NerText.Tok> toks, String language) {
    return hints(toks, dictionary("body", text, language).found());
  }

  private void unknown(
      String field,
      String text,
      List<Token> tokens,
      int from,
      int to,
      boolean[] sentenceStart,
      boolean titleCase,
      List<Found> out) {
    int n = tokens.size();
    boolean titled = from > 0 && CommonWords.PERSON_CUES.contains(tokens.get(from - 1).norm());
    int s = from;
    boolean start = sentenceStart[from];
    // "(The) University of California", "Bank of England": an organisation word and "of" start
    // the name, not a common word to cut
    int h = from;
    while (h < to
        && CommonWords.contains(tokens.get(h).norm())
        && !CommonWords.ORG_WORDS.contains(tokens.get(h).norm())) {
      h++;
    }
    boolean orgHead =
        to - h >= 3
            && CommonWords.ORG_WORDS.contains(tokens.get(h).norm())
            && CONNECTORS.contains(tokens.get(h + 1).norm());
    if (orgHead) {
      s = h;
      start = sentenceStart[h];
    }
    while (!orgHead
        && s < to
        && (CommonWords.PERSON_TITLES.contains(tokens.get(s).norm())
            || CommonWords.contains(tokens.get(s).norm())
            || CONNECTORS.contains(tokens.get(s).norm()))) {
      if (CommonWords.PERSON_CUES.contains(tokens.get(s).norm())) {
        titled = true;
      }
      s++;
      start = false;
    }
    int e = to;
    while (e > s
        && (CommonWords.contains(tokens.get(e - 1).norm())
            || CONNECTORS.contains(tokens.get(e - 1).norm()))) {
      e--;
    }
    if (e <= s) {
      return;
    }
    List<String> norms = new ArrayList<>();
    for (int k = s; k < e; k++) {
      norms.add(tokens.get(k).norm());
    }
    String joined = String.join(" ", norms);
    KbEntry variant = kb.byVariant(joined);
    if (variant != null) {
      out.add(found(field, text, tokens, s, e, variant, variant.type(), VARIANT, start));
      return;
    }
    String prev = s > 0 ? tokens.get(s - 1).norm() : "";
    String next = e < n ? tokens.get(e).norm() : "";
    boolean speech =
        e < n
                && CommonWords.SPEECH.contains(next)
                && joinedBySpace(text, tokens.get(e - 1).end(), tokens.get(e).start())
            || s > 0
                && CommonWords.SPEECH.contains(prev)
                && joinedBySpace(text, tokens.get(s - 1).end(), tokens.get(s).start());
    boolean orgWord = norms.stream().anyMatch(CommonWords.ORG_WORDS::contains);
    boolean acronym =
        e - s == 1
            && tokens.get(s).allCaps()
            && tokens.get(s).text().length() <= 6
            && !ROMAN.matcher(tokens.get(s).text()).matches();
    EntityType type;
    double conf;
    if (orgWord || acronym) {
      type = EntityType.ORGANIZATION;
      conf = orgWord && e - s > 1 ? RULE_CUED : RULE_UNCUED;
    } else if (titled || speech) {
      type = EntityType.PERSON;
      conf = RULE_CUED;
    } else if (CommonWords.LOCATIVE.contains(prev) && !titleCase) {
      type = EntityType.LOCATION;
      conf = RULE_UNCUED;
    } else if (e - s >= 2
        && e - s <= 4
        && !titleCase
        && text.substring(tokens.get(s).start(), tokens.get(e - 1).end()).indexOf(' ') > 0) {
      type = EntityType.PERSON;
      conf = RULE_UNCUED;
    } else {
      type = null; // only kept when it turns out to be part of a known person's name
      conf = RULE_UNCUED;
    }
    out.add(found(field, text, tokens, s, e, null, type, conf, start));
  }

  private static Found found(
      String field,
      String text,
      List<Token> tokens,
      int from,
      int to,
      KbEntry entry,
      EntityType type,
      double conf,
      boolean sentenceStart) {
    int start = tokens.get(from).start();
    int end = tokens.get(to - 1).end();
    List<String> norms = new ArrayList<>();
    for (int k = from; k < to; k++) {
      norms.add(tokens.get(k).norm());
    }
    return new Found(
        field,
        "title".equals(field) ? 0 : 1,
        new Mention(text.substring(start, end), field, start, end),
        norms,
        entry,
        type,
        conf,
        sentenceStart,
        from,
        to);
  }

  private KbEntry choose(
      List<Candidate> cs, String prev, String next, Map<String, Integer> subnational) {
    if (distinctEntries(cs) == 1) {
      return cs.get(0).entry();
    }
    List<KbEntry> entries = new ArrayList<>();
    for (Candidate c : cs) {
      boolean seen = false;
      for (int k = 0; k < entries.size() && !seen; k++) {
        seen = entries.get(k).id().equals(c.entry().id());
      }
      if (!seen) {
        entries.add(c.entry());
      }
    }
    EntityType wanted = null;
    if (CommonWords.PERSON_CUES.contains(prev)
        || CommonWords.SPEECH.contains(next)
        || CommonWords.SPEECH.contains(prev)) {
      wanted = EntityType.PERSON;
    } else if (CommonWords.LOCATIVE.contains(prev)) {
      wanted = EntityType.LOCATION;
    }
    boolean stateCue = STATE_CUES.contains(prev);
    EntityType w = wanted;
    Comparator<KbEntry> order =
        Comparator.<KbEntry>comparingInt(x -> w != null && x.type() == w ? 0 : 1)
            .thenComparingInt(x -> stateCue && "region".equals(x.subtype()) ? 0 : 1)
            .thenComparingInt(x -> -evidence(x, subnational))
            .thenComparingInt(x -> -x.rank())
            .thenComparingLong(x -> -x.population())
            .thenComparing(KbEntry::id);
    return entries.stream().min(order).orElseThrow();
  }

  /** Cities and regions named unambiguously in the place's country (0 for non-places). */
  private static int evidence(KbEntry e, Map<String, Integer> subnational) {
    if (e.type() != EntityType.LOCATION || e.country() == null) {
      return 0;
    }
    return subnational.getOrDefault(e.country(), 0);
  }

  private List<Entity> resolve(List<Found> given) {
    Set<Found> byPart = new java.util.HashSet<>();
    List<Found> found = linkPersonParts(given, byPart);
    // full person names (two words or more) for partial-name links
    List<Found> fullNames = new ArrayList<>();
    List<Found> longPlaces = new ArrayList<>();
    List<Found> fullOrgs = new ArrayList<>();
    for (Found f : found) {
      if (f.type() == EntityType.ORGANIZATION && f.norms().size() >= 2) {
        fullOrgs.add(f);
      }
      if (f.type() == EntityType.PERSON && f.norms().size() >= 2) {
        fullNames.add(f);
      } else if (f.type() == EntityType.LOCATION
          && f.entry() != null
          && f.norms().size() >= 2
          && !CONNECTORS.contains(f.norms().get(0))) {
        longPlaces.add(f);
      }
    }
    Map<String, Draft> byId = new LinkedHashMap<>();
    Map<String, String> localIds = new HashMap<>();
    for (Found f : found) {
      KbEntry entry = f.entry();
      EntityType type = f.type();
      Mention mention = f.mention();
      double conf = f.confidence();
      String localName = null;
      if (entry != null
          && (shortFormOfEarlierPerson(f, entry, fullNames)
              || givenNameOfPersonInArticle(f, entry, fullNames))) {
        // "Austin" after "Lloyd Austin": the person's surname, not the city of that name;
        // "Vladimir" in an article naming Vladimir Putin: his given name, not the Russian city
        entry = null;
        type = EntityType.PERSON;
      } else if (entry != null && f.norms().size() == 1) {
        // "York" in an article naming New York: a cut of the larger place named in full
        Found whole = largerPlaceOf(f, entry, longPlaces);
        if (whole != null) {
          entry = whole.entry();
          conf = PARTIAL;
        }
      } else if (entry == null
          && type == EntityType.LOCATION
          && f.norms().size() == 1
          && earlierFullName(f, fullNames) != null) {
        // "kantor Yoon" after "Yoon Suk Yeol": a word the knowledge base does not know as a place,
        // read as one by the model, is the person named in full before it
        type = EntityType.PERSON;
      }
      if (entry == null && type != EntityType.ORGANIZATION && type != EntityType.LOCATION) {
        Found full = partOf(f, fullNames);
        if (full != null && givenNameOfFamilyFirst(f, full)) {
          // "Jian" after "Lin Jian": a given name of a name written family name first is no
          // short form of it; kept unlinked, below the facets' threshold
          full = null;
          type = EntityType.PERSON;
          conf = Math.min(conf, UNSURE_PERSON);
        }
        if (full != null) {
          int k = overlap(f.norms(), full.norms());
          mention = trim(mention, f.norms(), k);
          // no surer than the full name when that is itself a part ("Yeol" after "Suk Yeol")
          conf = byPart.contains(full) ? KB_PARTIAL : PARTIAL;
          if (full.entry() != null) {
            entry = full.entry();
          } else {
            type = EntityType.PERSON;
            localName = full.mention().text();
          }
        }
      }
      if (entry == null && f.norms().size() == 1 && !fullOrgs.isEmpty()) {
        // "LKPN" after "Lembaga Kajian Pangan Nusantara": the initials of an organisation named
        // in full in the article
        Found full = acronymOf(mention.text(), fullOrgs);
        if (full != null) {
          type = EntityType.ORGANIZATION;
          conf = PARTIAL;
          if (full.entry() != null) {
            entry = full.entry();
          } else {
            localName = full.mention().text();
          }
        }
      }
      if (entry == null && localName == null && f.norms().size() == 1 && !longPlaces.isEmpty()) {
        // "Rio" after "Rio de Janeiro", "York" with "New York": the first or last word of a place
        // named in full in the article
        String w = f.norms().get(0);
        for (Found p : longPlaces) {
          if ((p.norms().get(0).equals(w) || lastWordOfLarger(w, p))
              && !"country".equals(p.entry().subtype())) {
            entry = p.entry();
            type = EntityType.LOCATION;
            conf = PARTIAL;
            break;
          }
        }
      }
      if (entry == null && type == null) {
        continue;
      }
      if (entry == null
          && localName == null
          && type == EntityType.PERSON
          && f.norms().size() == 1
          && kb.familyFirstGivenName(f.norms().get(0))) {
        // "Jian", "Yeol" alone: a given name of a name written family name first, no one's short
        // form; kept unlinked, below the facets' threshold
        conf = Math.min(conf, UNSURE_PERSON);
      }
      if (entry == null
          && localName == null
          && type == EntityType.PERSON
          && f.norms().size() == 1
          && (kb.givenNameSpelledAs(f.norms().get(0)) || kb.personWord(f.norms().get(0)))) {
        // "Mark", "David", "Georgiy", "Kim" alone: a word of hand-kept people's names (a given name
        // in any romanisation) that the article links
        // to none of them (no one of that name named in full in it, who would have claimed it
        // above; a surname of one person only is linked to that person before): a first name or
        // a shared family name is no one's identity on a top-actors list; kept unlinked, below the
        // facets' threshold (people known by one name, "Prabowo", "Jokowi", are aliases of the
        // knowledge base and linked before)
        conf = Math.min(conf, UNSURE_PERSON);
      }
      if (entry == null && localName == null && type == EntityType.PERSON) {
        KbEntry place = placeNamed(f);
        if (place != null && wellKnown(place)) {
          // "Menurut Eritrea,": a country or a hand-kept place as the speaker is that place
          entry = place;
          type = EntityType.LOCATION;
        }
        // else a person the model found whose name is also a town's stays a person: surnames are
        // towns' names too ("Santos", "Clinton", "Herrera said")
      }
      if (entry == null && localName == null) {
        // an uncued word of the rules opening a sentence (not one that came in unsure, from
        // personNotPlace: that one is kept; one made unsure above, in this loop, is dropped)
        if (f.sentenceStart()
            && f.norms().size() == 1
            && f.confidence() < RULE_CUED
            && f.confidence() != UNSURE_PERSON) {
          continue;
        }
        localName = mention.text();
      }
      String id;
      if (entry != null) {
        id = entry.id();
      } else { // a SHA-256 each: once per name and type of the article
        EntityType t = type;
        String name = localName;
        id = localIds.computeIfAbsent(type + "|" + localName, k -> localId(t, name));
      }
      Draft d = byId.get(id);
      if (d == null) {
        d =
            entry != null
                ? new Draft(id, entry.type(), entry.subtype(), entry.name(), entry.externalIds())
                : new Draft(id, type, null, localName, Map.of());
        byId.put(id, d);
      }
      d.mentions.add(new Ordered(f.order(), mention));
      d.confidence = Math.max(d.confidence, conf);
    }
    List<Entity> out = new ArrayList<>();
    for (Draft d : byId.values()) {
      d.mentions.sort(
          Comparator.comparingInt(Ordered::order).thenComparingInt(o -> o.mention().start()));
      // distinct mentions, first occurrence kept: equal ones are in the same run of order and start
      List<Mention> ms = new ArrayList<>(d.mentions.size());
      int runFrom = 0;
      for (int k = 0; k < d.mentions.size(); k++) {
        Ordered o = d.mentions.get(k);
        if (k > 0
            && (o.order() != d.mentions.get(k - 1).order()
                || o.mention().start() != d.mentions.get(k - 1).mention().start())) {
          runFrom = ms.size();
        }
        boolean seen = false;
        for (int r = runFrom; r < ms.size() && !seen; r++) {
          seen = ms.get(r).equals(o.mention());
        }
        if (!seen) {
          ms.add(o.mention());
        }
      }
      out.add(
          new Entity(
              d.id,
              d.type,
              d.subtype,
              d.name,
              d.externalIds,
              ms,
              Math.round(d.confidence * 100) / 100.0));
    }
    out.sort(
        Comparator.comparingInt((Entity e) -> "title".equals(e.mentions().get(0).field()) ? 0 : 1)
            .thenComparingInt(e -> e.mentions().get(0).start()));
    return out;
  }

  /**
   * Links the unlinked person names that are an unambiguous part of one hand-kept person's name
   * ({@link KnowledgeBase#personByPart}: "Zinoviev", "Suk Yeol") to that person, with {@link
   * #KB_PARTIAL}, unless the article gives a longer name it is part of that is someone else (the
   * article's own full name wins). Runs before the within-article partial links, so "Yeol" after
   * "Suk Yeol" joins the person, not a local "Suk Yeol". The linked ones are added to {@code
   * linked}.
   */
  private List<Found> linkPersonParts(List<Found> found, Set<Found> linked) {
    List<Found> out = new ArrayList<>(found);
    for (int i = 0; i < out.size(); i++) {
      Found f = out.get(i);
      // a one-word place the knowledge base does not know may be a person's part read as a place
      // ("di kantor Zinoviev": the model reads "kantor X" as a place)
      boolean place =
          f.type() == EntityType.LOCATION
              && f.norms().size() == 1
              && kb.candidates(f.norms().get(0)).isEmpty();
      if (f.entry() != null || f.type() != EntityType.PERSON && !place || f.norms().size() > 3) {
        continue;
      }
      KbEntry person = kb.personByPart(String.join(" ", f.norms()));
      if (person == null) {
        continue;
      }
      boolean someoneElse = false;
      for (Found full : found) {
        if (full == f
            || full.type() != EntityType.PERSON
            || full.norms().size() <= f.norms().size()
            || overlap(f.norms(), full.norms()) == 0) {
          continue;
        }
        KbEntry e =
            full.entry() != null ? full.entry() : kb.personByPart(String.join(" ", full.norms()));
        someoneElse |= e == null || !e.id().equals(person.id());
      }
      if (!someoneElse) {
        Found g =
            new Found(
                f.field(),
                f.order(),
                f.mention(),
                f.norms(),
                person,
                EntityType.PERSON,
                KB_PARTIAL,
                f.sentenceStart(),
                f.from,
                f.to);
        out.set(i, g);
        linked.add(g);
      }
    }
    return out;
  }

  /** The organisation whose initials this all-capitals word is ("BKPN", "CFRB"), or null. */
  private static Found acronymOf(String word, List<Found> fullOrgs) {
    int letters = word.length();
    if (letters < 2 || letters > 8) {
      return null;
    }
    for (int i = 0; i < letters; i++) {
      if (!Character.isUpperCase(word.charAt(i))) {
        return null;
      }
    }
    for (Found full : fullOrgs) {
      StringBuilder initials = new StringBuilder();
      for (Token t : Names.tokenize(full.mention().text())) {
        if (t.capitalized() && !CommonWords.contains(t.norm()) || t.allCaps()) {
          initials.append(Character.toUpperCase(t.text().charAt(0)));
        }
      }
      if (initials.length() >= 2 && initials.toString().equals(word)) {
        return full;
      }
    }
    return null;
  }

  /**
   * Whether a one-word match of a city only GeoNames knows is the given name (first word) of a
   * person named in full anywhere in the article ("Vladimir" with "Vladimir Putin"), not written
   * family name first, who is a person of the knowledge base or whose first word is a given name it
   * knows: then it is that person's, not the city.
   */
  private boolean givenNameOfPersonInArticle(Found f, KbEntry entry, List<Found> fullNames) {
    if (f.norms().size() != 1
        || entry.type() != EntityType.LOCATION
        || entry.curated()
        || !"city".equals(entry.subtype())) {
      return false;
    }
    String w = f.norms().get(0);
    for (Found full : fullNames) {
      // a person the knowledge base knows, or a given name it knows: not "Seattle" of a team the
      // rules read as a person ("Seattle Mariners"), nor "Bucharest" of "Bucharest Newsroom"
      if (full.norms().get(0).equals(w)
          && (full.entry() != null
              ? full.entry().type() == EntityType.PERSON && !full.entry().familyFirst()
              : kb.givenName(w))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether one word of a full name written family name first is one of its given names ("Jian" of
   * Lin Jian, "Yeol" of Yoon Suk Yeol), not the family name.
   */
  private static boolean givenNameOfFamilyFirst(Found f, Found full) {
    return f.norms().size() == 1
        && full.entry() != null
        && full.entry().familyFirst()
        && !full.norms().get(0).equals(f.norms().get(0));
  }

  /**
   * The larger place named in full in the article whose first or last word this one-word match of a
   * smaller city only GeoNames knows is ("York" with "New York"), or null.
   */
  private static Found largerPlaceOf(Found f, KbEntry entry, List<Found> longPlaces) {
    if (entry.type() != EntityType.LOCATION
        || entry.curated()
        || !"city".equals(entry.subtype())
        || longPlaces.isEmpty()) {
      return null;
    }
    String w = f.norms().get(0);
    for (Found p : longPlaces) {
      KbEntry pe = p.entry();
      if (pe != entry
          && !"country".equals(pe.subtype())
          && !CommonWords.GEO_FEATURES.contains(p.norms().get(0))
          && (pe.curated() || pe.population() > entry.population())
          && (p.norms().get(0).equals(w) || p.norms().get(p.norms().size() - 1).equals(w))) {
        return p;
      }
    }
    return null;
  }

  /**
   * Whether {@code w} is the last word of the place {@code p} named in full, and alone a smaller
   * city of the knowledge base ("York" of New York; not "Korea" of "Semenanjung Korea": no city,
   * and a natural feature's name).
   */
  private boolean lastWordOfLarger(String w, Found p) {
    List<String> norms = p.norms();
    if (!norms.get(norms.size() - 1).equals(w) || CommonWords.GEO_FEATURES.contains(norms.get(0))) {
      return false;
    }
    for (Candidate c : kb.candidates(w)) {
      KbEntry e = c.entry();
      if (e.type() == EntityType.LOCATION
          && "city".equals(e.subtype())
          && !e.curated()
          && (p.entry().curated() || e.population() < p.entry().population())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The place whose whole name this unlinked person's name is ("Bethal", "Eritrea"), when no person
   * of the knowledge base has it as a part: a {@link #wellKnown} one first, else the GeoNames one;
   * null when none or when an entry of that name is no place.
   */
  private KbEntry placeNamed(Found f) {
    String norm = String.join(" ", f.norms());
    if (kb.personWord(norm) || kb.givenName(norm)) {
      return null;
    }
    KbEntry best = null;
    for (Candidate c : kb.candidates(norm)) {
      KbEntry e = c.entry();
      if (e.type() != EntityType.LOCATION) {
        return null;
      }
      if (best == null || wellKnown(e) && !wellKnown(best)) {
        best = e;
      }
    }
    return best;
  }

  /** A hand-kept place or a country. */
  private static boolean wellKnown(KbEntry e) {
    return e.curated() || "country".equals(e.subtype());
  }

  /** The full name this shorter name is part of: nearest before it, else nearest after it. */
  /**
   * Whether a one-word match of a city only GeoNames knows (not a country, region or hand-kept
   * place) is a word of a person's full name given earlier in the article: then it is that person
   * ("Lloyd Austin ... Austin said"), as a reader takes it.
   */
  private static boolean shortFormOfEarlierPerson(Found f, KbEntry entry, List<Found> fullNames) {
    if (f.norms().size() != 1
        || entry.type() != EntityType.LOCATION
        || entry.curated()
        || !"city".equals(entry.subtype())) {
      return false;
    }
    return earlierFullName(f, fullNames) != null;
  }

  /** The full person name {@code f} is part of, when it is given before {@code f}, or null. */
  private static Found earlierFullName(Found f, List<Found> fullNames) {
    Found full = partOf(f, fullNames);
    return full != null
            && (full.order() < f.order()
                || full.order() == f.order() && full.mention().start() < f.mention().start())
        ? full
        : null;
  }

  private static Found partOf(Found f, List<Found> fullNames) {
    Found before = null;
    Found after = null;
    for (Found full : fullNames) {
      if (full == f || full.norms().size() <= f.norms().size() && full.entry() == null) {
        continue;
      }
      if (overlap(f.norms(), full.norms()) == 0) {
        continue;
      }
      boolean earlier =
          full.order() < f.order()
              || full.order() == f.order() && full.mention().start() < f.mention().start();
      if (earlier) {
        before = full;
      } else if (after == null) {
        after = full;
      }
    }
    return before != null ? before : after;
  }

  /**
   * How many leading words of {@code part} make a run of {@code full}'s words: all of them for
   * "Yoon" in "Yoon Suk Yeol"; a prefix of two or more ("Kim Hong" of "Kim Hong Minta"); else 0.
   */
  private static int overlap(List<String> part, List<String> full) {
    if (part.size() < full.size() && containsRun(full, part)) {
      return part.size();
    }
    // the longest common prefix, if it is 2 words or more and shorter than both
    int common = 0;
    int max = Math.min(part.size() - 1, full.size() - 1);
    while (common < max && full.get(common).equals(part.get(common))) {
      common++;
    }
    return common >= 2 ? common : 0;
  }

  private static boolean containsRun(List<String> full, List<String> part) {
    int m = part.size();
    for (int i = 0; i + m <= full.size(); i++) {
      int k = 0;
      while (k < m && full.get(i + k).equals(part.get(k))) {
        k++;
      }
      if (k == m) {
        return true;
      }
    }
    return false;
  }

  private static Mention trim(Mention m, List<String> norms, int words) {
    if (words >= norms.size()) {
      return m;
    }
    List<Token> tokens = Names.tokenize(m.text());
    int end = tokens.get(words - 1).end();
    return new Mention(m.text().substring(0, end), m.field(), m.start(), m.start() + end);
  }

  /** {@code local:} + hash of type and the variant key of the normalised name. */
  static String localId(EntityType type, String name) {
    return "local:" + Text.sha256Hex(type + "|" + Names.variantKey(Names.normalize(name)), 16);
  }

  private record Ordered(int order, Mention mention) {}

  private static final class Draft {
    final String id;
    final EntityType type;
    final String subtype;
    final String name;
    final Map<String, String> externalIds;
    final List<Ordered> mentions = new ArrayList<>();
    double confidence;

    Draft(String id, EntityType type, String subtype, String name, Map<String, String> ids) {
      this.id = id;
      this.type = type;
      this.subtype = subtype;
      this.name = name;
      this.externalIds = ids;
    }
  }

  /** Whether every candidate is a place only GeoNames knows (not hand-kept). */
  private static boolean allGeoNamesPlaces(List<Candidate> cs) {
    for (Candidate c : cs) {
      if (c.entry().type() != EntityType.LOCATION || c.entry().curated()) {
        return false;
      }
    }
    return true;
  }

  /** How many distinct entries the candidates name (most lists hold one or two). */
  private static int distinctEntries(List<Candidate> cs) {
    int n = cs.size();
    if (n <= 1) {
      return n;
    }
    if (n > 16) {
      Set<String> ids = new java.util.HashSet<>();
      cs.forEach(c -> ids.add(c.entry().id()));
      return ids.size();
    }
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      String id = cs.get(i).entry().id();
      boolean seen = false;
      for (int j = 0; j < i && !seen; j++) {
        seen = cs.get(j).entry().id().equals(id);
      }
      if (!seen) {
        distinct++;
      }
    }
    return distinct;
  }

  private static boolean nameLike(Token t) {
    return t.capitalized()
        && !t.allCaps()
        && !CommonWords.contains(t.norm())
        && !CommonWords.PERSON_TITLES.contains(t.norm())
        && !CommonWords.ORG_WORDS.contains(t.norm());
  }

  /** Mostly capitalised words: a headline in title case, where capitals say little. */
  private static boolean titleCase(List<Token> tokens) {
    int words = 0;
    int caps = 0;
    for (Token t : tokens) {
      if (t.text().length() > 3 && !t.numeric()) {
        words++;
        if (t.capitalized()) {
          caps++;
        } else if (t.text().length() >= 5) {
          return false; // a running text has long lower-case words
        }
      }
    }
    return words >= 4 && caps * 10 >= words * 7;
  }

  /** Words of one name: separated by spaces, a hyphen or the dot of an initial only. */
  private static boolean joined(String text, int from, int to) {
    if (to - from > 3) {
      return false;
    }
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c != ' ' && c != '-' && c != '.' && c != '\u00A0') {
        return false;
      }
    }
    return true;
  }

  private static boolean joinedBySpace(String text, int from, int to) {
    if (to - from > 2) {
      return false;
    }
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c != ' ' && c != '-' && c != '\u00A0') {
        return false;
      }
    }
    return true;
  }

  private static boolean breaksSentence(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '"' || c == '\u201C') {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static List<Candidate>[] newArray(int n) {
    return (List<Candidate>[]) new List<?>[n];
  }
}
