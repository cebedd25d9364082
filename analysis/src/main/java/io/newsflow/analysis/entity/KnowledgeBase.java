package io.newsflow.analysis.entity;

import io.newsflow.contracts.EntityType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The identities entities are linked to, owned by the project (see docs/ENTITIES.md):
 *
 * <ol>
 *   <li>GeoNames countries ({@code countryInfo.txt}) named in English and Indonesian by the JDK's
 *       CLDR data, and GeoNames cities over 15,000 people ({@code cities15000.txt}) with their
 *       Latin-script alternate names, both from the {@code opensextant-xponents-core} artifact.
 *       GeoNames data is CC BY 4.0 (www.geonames.org).
 *   <li>{@code places.tsv}: hand-kept news forms of places (Korut, AS, Moskow, Kyiv/Kiev) and
 *       Wikidata ids, merged into the GeoNames entries by ISO code or GeoNames id.
 *   <li>{@code actors.tsv}: hand-kept people and organisations with English and Indonesian aliases.
 *   <li>The user's file (same format), read at start-up: adds entries or overrides fields of
 *       existing ones (same slug, ISO code or GeoNames id), without a rebuild.
 * </ol>
 *
 * <p>Table format, tab-separated, {@code #} comments: {@code slug type subtype name wikidata
 * geonames iso3166 aliases}; type is PERSON, ORGANIZATION or LOCATION; empty fields are {@code -}
 * or blank; aliases are {@code |}-separated, {@code alias@id} restricts one to a language.
 * Immutable once built; shared by all stream tasks.
 */
public final class KnowledgeBase {
  /** Cities this populous or more contribute their alternate names, not only their own. */
  static final long ALTERNATE_NAMES_MIN_POPULATION = 100_000;

  private static final Pattern QID = Pattern.compile("Q[1-9][0-9]*");
  private static final Pattern ISO = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
  private static final Pattern LATIN = Pattern.compile("[\\p{IsLatin}\\p{M} .'\\-]+");
  private static final Locale INDONESIAN = Locale.forLanguageTag("id");

  private final List<KbEntry> entries;
  private final Map<String, List<Candidate>> byAlias;
  private final Map<String, KbEntry> byVariant;
  private final Words aliasWords;
  private final int maxAliasTokens;
  private final Map<String, KbEntry> personParts;
  private final Map<String, KbEntry> personPartVariants;
  private final Set<String> givenNameVariants;
  private final Set<String> givenNames;
  private final Set<String> familyFirstGivenNames;
  private final Set<String> personWords;
  private final Set<String> countryHeads;

  /** The subtype column's value for a person whose name is written family name first. */
  static final String FAMILY_FIRST = "family-first";

  /** An entry reachable by one alias. */
  record Candidate(KbEntry entry, KbEntry.Alias alias) {}

  /**
   * A node of the aliases' word trie: the path from the root spells normalised words ({@link
   * Names#normalizeToken}), {@link #candidates} are the entries whose alias is exactly those words.
   * The dictionary walks it word by word from a capitalised word, with no joined key to build.
   */
  static final class Words {
    private HashMap<String, Words> next;
    private List<Candidate> candidates = List.of();

    /** The node one word further, or null when no alias goes on with that word. */
    Words next(String word) {
      return next == null ? null : next.get(word);
    }

    /** The entries whose alias is the words of this node's path (often none). */
    List<Candidate> candidates() {
      return candidates;
    }

    private Words add(String word) {
      if (next == null) {
        next = new HashMap<>(4);
      }
      return next.computeIfAbsent(word, w -> new Words());
    }
  }

  private KnowledgeBase(List<KbEntry> entries) {
    this.entries = List.copyOf(entries);
    Map<String, List<Candidate>> index = new HashMap<>();
    Map<String, KbEntry> variants = new HashMap<>();
    Set<String> ambiguousVariants = new java.util.HashSet<>();
    int max = 1;
    for (KbEntry e : this.entries) {
      for (KbEntry.Alias a : e.aliases()) {
        index.computeIfAbsent(a.norm(), k -> new ArrayList<>()).add(new Candidate(e, a));
        max = Math.max(max, a.norm().split(" ").length);
        if (e.type() != EntityType.LOCATION && !a.exactCase() && a.norm().length() >= 5) {
          String key = Names.variantKey(a.norm());
          KbEntry prev = variants.putIfAbsent(key, e);
          if (prev != null && !prev.id().equals(e.id())) {
            ambiguousVariants.add(key);
          }
        }
      }
    }
    ambiguousVariants.forEach(variants::remove);
    index.replaceAll((k, v) -> List.copyOf(v));
    // HashMap, not Map.copyOf: its cached String hash codes and buckets are faster to probe
    this.byAlias = index;
    Words root = new Words();
    index.forEach(
        (norm, candidates) -> {
          Words node = root;
          // one node per word: every space splits (a normal form never starts with one)
          for (int from = 0, sp; ; from = sp + 1) {
            sp = norm.indexOf(' ', from);
            node = node.add(sp < 0 ? norm.substring(from) : norm.substring(from, sp));
            if (sp < 0) {
              break;
            }
          }
          node.candidates = candidates;
        });
    this.aliasWords = root;
    this.byVariant = Map.copyOf(variants);
    this.maxAliasTokens = max;
    this.personParts = personParts(this.entries, index);
    // romanisation variants of the parts ("Seok Yeol" of "Suk Yeol"), unless two people share one
    Map<String, KbEntry> partVariants = new HashMap<>();
    Set<String> sharedVariants = new java.util.HashSet<>();
    personParts.forEach(
        (part, e) -> {
          if (part.length() >= 5) {
            KbEntry prev = partVariants.putIfAbsent(Names.variantKey(part), e);
            if (prev != null && !prev.id().equals(e.id())) {
              sharedVariants.add(Names.variantKey(part));
            }
          }
        });
    sharedVariants.forEach(partVariants::remove);
    this.personPartVariants = Map.copyOf(partVariants);
    this.givenNameVariants = Set.copyOf(givenNames(this.entries, Names::variantKey));
    this.givenNames = Set.copyOf(givenNames(this.entries, w -> w));
    this.familyFirstGivenNames =
        Set.copyOf(givenNames(this.entries.stream().filter(KbEntry::familyFirst).toList(), w -> w));
    Set<String> words = new java.util.HashSet<>();
    for (KbEntry e : this.entries) {
      if (e.type() == EntityType.PERSON && e.curated()) {
        for (KbEntry.Alias a : e.aliases()) {
          String[] w = a.norm().split(" ");
          for (int i = 0; w.length >= 2 && i < w.length; i++) {
            if (w[i].length() >= 3 && !PARTICLES.contains(w[i]) && !ruleWord(w[i])) {
              words.add(w[i]);
            }
          }
        }
      }
    }
    this.personWords = Set.copyOf(words);
    // a word that opens the names of two countries or more told apart by a compass word only
    // ("Korea Selatan", "Korea Utara"; "North Korea" is "korea" last): alone, the region they share
    Map<String, Set<String>> countriesByHead = new HashMap<>();
    for (KbEntry e : this.entries) {
      if (e.type() == EntityType.LOCATION && "country".equals(e.subtype())) {
        for (KbEntry.Alias a : e.aliases()) {
          String[] w = a.norm().split(" ");
          if (w.length == 2
              && CommonWords.COMPASS.contains(w[0]) != CommonWords.COMPASS.contains(w[1])) {
            String head = CommonWords.COMPASS.contains(w[0]) ? w[1] : w[0];
            countriesByHead.computeIfAbsent(head, k -> new java.util.HashSet<>()).add(e.id());
          }
        }
      }
    }
    Set<String> heads = new java.util.HashSet<>();
    countriesByHead.forEach(
        (head, countries) -> {
          if (countries.size() >= 2 && !index.containsKey(head) && !words.contains(head)) {
            heads.add(head);
          }
        });
    this.countryHeads = Set.copyOf(heads);
  }

  /**
   * Whether this normalised word is the name two countries or more share but for a compass word
   * ("korea" of Korea Selatan, Korea Utara, South Korea, North Korea), names nothing by itself and
   * is no word of a hand-kept person: a place, unlinked, when it stands alone.
   */
  public boolean countryHead(String norm) {
    return countryHeads.contains(norm);
  }

  /**
   * Whether this normalised word is a given name of a person of the knowledge base: the first word
   * of a name of two words or more, or for a person written family name first ({@link
   * KbEntry#familyFirst}) a word after the first ("Vladimir", "Mark"; "Jian" of Lin Jian).
   */
  public boolean givenName(String norm) {
    return givenNames.contains(norm);
  }

  /**
   * Whether this normalised word is a given name of a person of the knowledge base ({@link
   * #givenName}) in another romanisation ("Georgiy" of Georgy).
   */
  public boolean givenNameSpelledAs(String norm) {
    return givenNameVariants.contains(Names.variantKey(norm));
  }

  /**
   * Whether this normalised word is a word after the first of a person written family name first
   * ("Jian" of Lin Jian, "Yeol" of Yoon Suk Yeol): a given name, no short form of anyone.
   */
  public boolean familyFirstGivenName(String norm) {
    return familyFirstGivenNames.contains(norm);
  }

  /**
   * Whether this normalised word (3 letters or more, not a word of the rules' lists) is a word of a
   * hand-kept person's name of two words or more ("Vladimir", "Dmitry", "Kim", "Peskov").
   */
  public boolean personWord(String norm) {
    return personWords.contains(norm);
  }

  /** Particles inside a name: never the last word of a part ("Ursula von der", "Mohammed bin"). */
  private static final Set<String> PARTICLES =
      Set.of("bin", "binti", "van", "von", "der", "de", "al", "el", "of", "la", "le", "da", "dos");

  /** Suffixes after a surname, dropped before the parts are taken ("Ferdinand Marcos Jr."). */
  private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");

  /**
   * The given names of every person's name of two words or more, as {@code key} makes it: its first
   * word, or its words after the first when written family name first.
   */
  private static Set<String> givenNames(
      List<KbEntry> entries, java.util.function.UnaryOperator<String> key) {
    Set<String> givenNames = new java.util.HashSet<>();
    for (KbEntry e : entries) {
      if (e.type() != EntityType.PERSON) {
        continue;
      }
      for (KbEntry.Alias a : e.aliases()) {
        String[] w = a.norm().split(" ");
        if (w.length >= 2 && e.familyFirst()) { // "Lin Jian": the given name comes last
          for (int i = 1; i < w.length; i++) {
            givenNames.add(key.apply(w[i]));
          }
        } else if (w.length >= 2) {
          givenNames.add(key.apply(w[0]));
        }
      }
    }
    return givenNames;
  }

  /**
   * The proper parts of hand-kept people's names that name one of them only (issue 20): the surname
   * (last word, 4 letters or more), and every contiguous run of two or more of the name's words
   * shorter than the name ("Zinoviev", "Suk Yeol", "Kim Hong"). A part is dropped when it is
   * ambiguous: a part of two people's names, an alias or a word run of the alias of any other entry
   * (a place of GeoNames, an organisation, another person), a given name ("Vladimir"; for a
   * family-first name its later words, "Jian" of Lin Jian, while its family name is a part:
   * "Yoon"), or a word of the rules' lists (common words, titles, roles).
   */
  private static Map<String, KbEntry> personParts(
      List<KbEntry> entries, Map<String, List<Candidate>> index) {
    Set<String> givenNames = givenNames(entries, w -> w);
    Map<String, KbEntry> parts = new HashMap<>();
    Set<String> ambiguous = new java.util.HashSet<>();
    for (KbEntry e : entries) {
      if (e.type() != EntityType.PERSON || !e.curated()) {
        continue;
      }
      for (KbEntry.Alias a : e.aliases()) {
        if (a.exactCase()) {
          continue;
        }
        String[] all = a.norm().split(" ");
        int n = all.length;
        while (n > 1 && SUFFIXES.contains(all[n - 1])) {
          n--;
        }
        List<String> keys = new ArrayList<>();
        // the one-word part is the family name: the last word, or the first when written family
        // name first ("Yoon" of Yoon Suk Yeol; "Yeol" and "Jian" are given names)
        String family = e.familyFirst() ? all[0] : all[n - 1];
        if (n >= 2 && family.length() >= 4 && !PARTICLES.contains(family)) {
          keys.add(family);
        }
        for (int len = 2; len < n; len++) { // shorter than the name without its suffix
          for (int i = 0; i + len <= n; i++) {
            if (!PARTICLES.contains(all[i + len - 1])) {
              keys.add(String.join(" ", java.util.Arrays.asList(all).subList(i, i + len)));
            }
          }
        }
        for (String k : keys) {
          KbEntry prev = parts.putIfAbsent(k, e);
          if (prev != null && !prev.id().equals(e.id())) {
            ambiguous.add(k);
          }
        }
      }
    }
    // a word run of another entry's alias: "Austin" (a city), "Jong" (Kim Jong Un and Kim Yo Jong)
    for (KbEntry e : entries) {
      for (KbEntry.Alias a : e.aliases()) {
        String[] w = a.norm().split(" ");
        for (int i = 0; i < w.length; i++) {
          String run = w[i];
          for (int j = i; j < w.length && j < i + 4; j++) {
            if (j > i) {
              run = run + " " + w[j];
            }
            KbEntry owner = parts.get(run);
            if (owner != null && !owner.id().equals(e.id())) {
              ambiguous.add(run);
            }
          }
        }
      }
    }
    parts
        .keySet()
        .removeIf(
            k ->
                ambiguous.contains(k)
                    || index.containsKey(k) // a full alias: the dictionary matches it already
                    || k.indexOf(' ') < 0 && (givenNames.contains(k) || ruleWord(k)));
    return Map.copyOf(parts);
  }

  private static boolean ruleWord(String w) {
    return CommonWords.COMMON.contains(w)
        || CommonWords.PERSON_TITLES.contains(w)
        || CommonWords.PERSON_CUES.contains(w)
        || CommonWords.SPEECH.contains(w)
        || CommonWords.ORG_WORDS.contains(w)
        || CommonWords.LOCATIVE.contains(w)
        || CommonWords.HONORIFICS.contains(w)
        || CommonWords.ROLES.contains(w)
        || CommonWords.NOT_NAMES.contains(w)
        || CommonWords.GEO_FEATURES.contains(w)
        || CommonWords.MEDIA_WORDS.contains(w);
  }

  /**
   * The hand-kept person this name ({@link Names#normalize normal form}) is an unambiguous proper
   * part of ("Zinoviev", "Suk Yeol"), or null: see {@link #personParts}.
   */
  KbEntry personByPart(String normalizedName) {
    KbEntry e = personParts.get(normalizedName);
    if (e != null
        || normalizedName.length() < 5
        || byAlias.containsKey(normalizedName)
        || normalizedName.indexOf(' ') < 0 && ruleWord(normalizedName)) {
      return e;
    }
    String key = Names.variantKey(normalizedName);
    KbEntry variant = personPartVariants.get(key);
    if (variant == null) {
      return null;
    }
    // the exclusions of the exact parts, for the spelling read: not another entry's name spelled
    // so, nor a given name spelled so
    KbEntry other = byVariant.get(key);
    if (other != null && !other.id().equals(variant.id())) {
      return null;
    }
    if (normalizedName.indexOf(' ') < 0 && givenNameVariants.contains(key)) {
      return null;
    }
    return variant;
  }

  /**
   * GeoNames, CLDR and the bundled tables. Built once per JVM (about 5 s) and shared: a knowledge
   * base is immutable, and every topology built in a process (every test, every app) needs the same
   * one.
   */
  public static KnowledgeBase defaults() {
    return Bundled.INSTANCE;
  }

  /** Lazy holder: the bundled knowledge base is loaded on first use only. */
  private static final class Bundled {
    static final KnowledgeBase INSTANCE = new Builder().geonames().bundled().build();
  }

  /** The bundled knowledge base, with the user's {@code file} read over it when one is given. */
  public static KnowledgeBase of(Path file) {
    return file == null ? defaults() : withOverrides(file);
  }

  /** {@link #defaults()} with {@code file} read over it. */
  public static KnowledgeBase withOverrides(Path file) {
    Builder b = new Builder().geonames().bundled();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      b.table(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read entity file " + file, e);
    }
    return b.build();
  }

  /** Only the entries of the given tables (tests, tools). */
  public static KnowledgeBase ofTables(Map<String, String> tables) {
    Builder b = new Builder();
    tables.forEach(
        (name, text) -> {
          try {
            b.table(new java.io.StringReader(text), name);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    return b.build();
  }

  public List<KbEntry> entries() {
    return entries;
  }

  /** The root of the aliases' word trie: {@code aliasWords().next(word)} starts a walk. */
  Words aliasWords() {
    return aliasWords;
  }

  List<Candidate> candidates(String normalizedAlias) {
    return byAlias.getOrDefault(normalizedAlias, List.of());
  }

  /** The person or organisation whose alias is a romanisation variant of this name, or null. */
  KbEntry byVariant(String normalizedName) {
    return byVariant.get(Names.variantKey(normalizedName));
  }

  int maxAliasTokens() {
    return maxAliasTokens;
  }

  /** Collects and merges entries; the last word on a field wins. */
  static final class Builder {
    private final Map<String, Draft> drafts = new LinkedHashMap<>();
    private final Map<String, String> keyByIso = new HashMap<>();
    private final Map<String, String> keyByGeonames = new HashMap<>();

    private static final class Draft {
      EntityType type;
      String subtype;
      String name;
      String wikidata;
      String geonames;
      String iso;
      String country;
      long population;
      boolean curated;
      boolean familyFirst;
      String slug;
      final Map<String, KbEntry.Alias> aliases = new LinkedHashMap<>();

      /** A place of {@code subtype} named {@code name} (its slug too) in {@code country}. */
      static Draft place(String subtype, String name, String country) {
        Draft d = new Draft();
        d.type = EntityType.LOCATION;
        d.subtype = subtype;
        d.name = name;
        d.slug = Names.slug(name);
        d.country = country;
        return d;
      }

      KbEntry toEntry() {
        Map<String, String> ids = new LinkedHashMap<>();
        String id;
        if (wikidata != null) {
          ids.put("wikidata", wikidata);
        }
        if (geonames != null) {
          ids.put("geonames", geonames);
        }
        if (iso != null) {
          ids.put("iso3166", iso);
        }
        if (wikidata != null) {
          id = "wd:" + wikidata;
        } else if (geonames != null) {
          id = "geo:" + geonames;
        } else {
          id = "kb:" + slug;
        }
        return new KbEntry(
            id,
            type,
            subtype,
            name,
            ids,
            country,
            population,
            curated,
            new ArrayList<>(aliases.values()),
            familyFirst);
      }

      void alias(String text, String language, boolean fromTable) {
        String norm = Names.normalize(text);
        if (norm.isEmpty()) {
          return;
        }
        String letters = text.replace(".", "");
        boolean exact =
            fromTable
                && letters.length() <= 4
                && letters.equals(letters.toUpperCase(Locale.ROOT))
                && !letters.equals(letters.toLowerCase(Locale.ROOT));
        aliases.putIfAbsent(
            norm + (exact ? "|" + text : "") + "@" + language,
            new KbEntry.Alias(text, norm, exact, language));
      }
    }

    Builder geonames() {
      countries();
      cities();
      return this;
    }

    Builder bundled() {
      for (String name : List.of("places.tsv", "actors.tsv")) {
        try (InputStream in = KnowledgeBase.class.getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath");
          }
          table(new InputStreamReader(in, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      placeWikidata();
      return this;
    }

    /**
     * {@code place-wikidata.tsv} (dr5hn, ODbL; see its NOTICE): the Wikidata id of every capital
     * (merged into its GeoNames city) and every first-level subdivision (merged by ISO 3166-2 code
     * or Wikidata id, else a new region). Read after the hand-kept tables, whose ids win. A new
     * region's name is an alias only when no other entry has it and it is not a common or compass
     * word: "New York" stays the city, the state is "New York State" ({@link #regionAliases}).
     */
    private void placeWikidata() {
      Set<String> taken = new java.util.HashSet<>();
      Map<String, Draft> byQid = new HashMap<>();
      for (Draft d : drafts.values()) {
        d.aliases.values().forEach(a -> taken.add(a.norm()));
        if (d.wikidata != null) {
          byQid.putIfAbsent(d.wikidata, d);
        }
      }
      for (String[] c : resourceRows("place-wikidata.tsv", 6)) {
        String geonames = field(c[2]);
        String qid = c[3];
        Draft d;
        if (c[0].equals("capital")) {
          d = geonames == null ? byQid.get(qid) : drafts.get(keyByGeonames.get(geonames));
          Draft same = byQid.get(qid);
          if (d != null && same != null && same != d) {
            // a city-state (Singapore, Monaco): the capital is the country, one entry
            Draft city = d;
            city.aliases.forEach(same.aliases::putIfAbsent);
            drafts.replaceAll((k, v) -> v == city ? same : v);
            d = same;
          }
          if (d == null) {
            d = Draft.place("city", c[4], c[1]);
            d.geonames = geonames;
            geoAlias(d, c[4]);
            put("wd:" + qid, d);
          }
        } else {
          d = keyByIso.containsKey(c[1]) ? drafts.get(keyByIso.get(c[1])) : byQid.get(qid);
          if (d == null) {
            d = Draft.place("region", c[4], c[1].substring(0, 2));
            d.iso = c[1];
            for (String[] alias : regionAliases(c[4], c[5], d.country, taken)) {
              d.alias(alias[0], alias[1], false);
            }
            put("iso:" + c[1], d);
          }
        }
        if (d.wikidata == null) {
          d.wikidata = qid;
        }
        byQid.putIfAbsent(d.wikidata, d);
      }
    }

    private static final Set<String> COMPASS =
        Set.of(
            "north",
            "south",
            "east",
            "west",
            "northern",
            "southern",
            "eastern",
            "western",
            "central",
            "centre",
            "center",
            "upper",
            "lower",
            "middle",
            "capital",
            "coast",
            "islands",
            "island",
            "lakes",
            "region",
            "district",
            "province",
            "city");

    /**
     * A new region's aliases: its name when nobody has it and it is a name (Latin, 4+ letters, not
     * a common or compass word), else "NAME Province"/"NAME State"/... by its type, and "Provinsi
     * NAME" in Indonesian for Indonesia's provinces.
     */
    static List<String[]> regionAliases(
        String name, String type, String country, Set<String> taken) {
      List<String[]> out = new ArrayList<>();
      String norm = Names.normalize(name);
      boolean word =
          name.length() >= 4
              && LATIN.matcher(name).matches()
              && Character.isUpperCase(name.codePointAt(0))
              && !java.util.Arrays.stream(norm.split(" "))
                  .allMatch(w -> COMPASS.contains(w) || CommonWords.contains(w));
      if (!word) {
        return out;
      }
      if (!taken.contains(norm)) {
        out.add(new String[] {name, null});
        return out;
      }
      String kind =
          switch (type) {
            case "province",
                "state",
                "region",
                "prefecture",
                "governorate",
                "department",
                "county",
                "oblast" ->
                Character.toUpperCase(type.charAt(0)) + type.substring(1);
            default -> null;
          };
      if (kind != null && !norm.endsWith(" " + type)) {
        out.add(new String[] {name + " " + kind, null});
      }
      if (country.equals("ID") && type.equals("province")) {
        out.add(new String[] {"Provinsi " + name, "id"});
      }
      return out;
    }

    /** The rows of a bundled tab-separated resource beside this class, {@code #} comments. */
    private static List<String[]> resourceRows(String name, int columns) {
      List<String[]> rows = new ArrayList<>();
      try (InputStream in = KnowledgeBase.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException(name + " is missing from the classpath");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int line = 0;
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          line++;
          if (l.isBlank() || l.startsWith("#")) {
            continue;
          }
          String[] cols = l.split("\t", -1);
          if (cols.length != columns || !QID.matcher(cols[3]).matches()) {
            throw new IllegalArgumentException(name + " line " + line + ": " + l);
          }
          rows.add(cols);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return rows;
    }

    private void countries() {
      Map<String, String> wikidata = countryWikidata();
      for (String[] c : geonamesRows("geonames.org/countryInfo.txt")) {
        if (c.length < 17 || c[16].isBlank()) {
          continue;
        }
        Locale place = new Locale.Builder().setRegion(c[0]).build();
        String english = place.getDisplayCountry(Locale.ENGLISH);
        Draft d =
            Draft.place(
                "country", english.isBlank() || english.equals(c[0]) ? c[4] : english, c[0]);
        d.iso = c[0];
        d.geonames = c[16].trim();
        d.population = parseLong(c[7]);
        d.wikidata = wikidata.get(c[0]);
        d.alias(c[4], null, false);
        d.alias(english, null, false);
        String indonesian = place.getDisplayCountry(INDONESIAN);
        if (!indonesian.equals(c[0])) {
          d.alias(indonesian, null, false);
        }
        put("iso:" + c[0], d);
      }
    }

    /**
     * ISO 3166-1 alpha-2 code to Wikidata id, {@code country-wikidata.tsv} (from the npm package
     * {@code @rapideditor/country-coder}, see its header): every country and territory gets its
     * QID; the hand-kept {@code places.tsv} still overrides one.
     */
    private static Map<String, String> countryWikidata() {
      Map<String, String> out = new HashMap<>();
      try (InputStream in = KnowledgeBase.class.getResourceAsStream("country-wikidata.tsv")) {
        if (in == null) {
          throw new IllegalStateException("country-wikidata.tsv is missing from the classpath");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int line = 0;
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          line++;
          if (l.isBlank() || l.startsWith("#")) {
            continue;
          }
          String[] cols = l.split("\t");
          if (cols.length < 2 || !cols[0].matches("[A-Z]{2}") || !cols[1].matches("Q[1-9][0-9]*")) {
            throw new IllegalArgumentException("country-wikidata.tsv line " + line + ": " + l);
          }
          out.put(cols[0], cols[1]);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }

    private void cities() {
      // a city's own name is never another city's alternate name in the same country: "New
      // Delhi" is New Delhi, not one of Delhi's names (dropped after all cities are read)
      Set<String> own = new java.util.HashSet<>();
      List<Draft> withAlternates = new ArrayList<>();
      for (String[] c : geonamesRows("geonames.org/cities15000.txt")) {
        if (c.length < 15) {
          continue;
        }
        Draft d = Draft.place("city", c[1], c[8].isBlank() ? null : c[8]);
        d.geonames = c[0];
        d.population = parseLong(c[14]);
        geoAlias(d, c[1]);
        if (!d.aliases.isEmpty()) {
          own.add(c[8] + "|" + d.aliases.values().iterator().next().norm());
        }
        geoAlias(d, c[2]);
        if (d.population >= ALTERNATE_NAMES_MIN_POPULATION && !c[3].isBlank()) {
          for (String alt : c[3].split(",")) {
            geoAlias(d, alt);
          }
          withAlternates.add(d);
        }
        if (!d.aliases.isEmpty()) {
          put("geo:" + c[0], d);
        }
      }
      for (Draft d : withAlternates) {
        String self = d.aliases.isEmpty() ? "" : d.aliases.values().iterator().next().norm();
        d.aliases
            .values()
            .removeIf(a -> !a.norm().equals(self) && own.contains(d.country + "|" + a.norm()));
      }
    }

    /** GeoNames names are noisy: Latin script, capitalised, 4+ letters, not a common word. */
    private static void geoAlias(Draft d, String name) {
      String s = name.strip();
      if (s.length() < 4
          || !LATIN.matcher(s).matches()
          || !Character.isUpperCase(s.codePointAt(0))
          || CommonWords.contains(Names.normalize(s))) {
        return;
      }
      d.alias(s, null, false);
    }

    private void put(String key, Draft d) {
      drafts.put(key, d);
      if (d.iso != null) {
        keyByIso.putIfAbsent(d.iso, key);
      }
      if (d.geonames != null) {
        keyByGeonames.putIfAbsent(d.geonames, key);
      }
    }

    private static List<String[]> geonamesRows(String resource) {
      List<String[]> rows = new ArrayList<>();
      try (InputStream in = KnowledgeBase.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              resource + " is missing from the classpath (opensextant-xponents-core)");
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
          if (!line.startsWith("#") && !line.isBlank()) {
            rows.add(line.split("\t", -1));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return rows;
    }

    /** Reads one hand-kept table; a malformed line fails with its file and line number. */
    Builder table(Reader reader, String source) throws IOException {
      BufferedReader in = new BufferedReader(reader);
      Set<String> slugs = new LinkedHashSet<>();
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        try {
          row(line.split("\t", -1), slugs);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(source + ":" + lineNo + ": " + e.getMessage(), e);
        }
      }
      return this;
    }

    private void row(String[] cols, Set<String> slugs) {
      if (cols.length != 8) {
        throw new IllegalArgumentException(
            "expected 8 tab-separated columns (slug, type, subtype, name, wikidata, geonames,"
                + " iso3166, aliases), found "
                + cols.length);
      }
      String slug = field(cols[0]);
      if (slug == null || !slug.equals(Names.slug(slug))) {
        throw new IllegalArgumentException("slug must be lower case words joined by -: " + cols[0]);
      }
      if (!slugs.add(slug)) {
        throw new IllegalArgumentException("duplicate slug " + slug);
      }
      EntityType type;
      try {
        type = EntityType.valueOf(cols[1].strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown type " + cols[1], e);
      }
      String subtype = field(cols[2]);
      // a person's only subtype: the name is written family name first ("Yoon Suk Yeol")
      boolean familyFirst = FAMILY_FIRST.equals(subtype);
      if (familyFirst && type != EntityType.PERSON) {
        throw new IllegalArgumentException(FAMILY_FIRST + " is a subtype of people only");
      }
      if (familyFirst) {
        subtype = null;
      }
      if (subtype != null && !Set.of("country", "region", "city").contains(subtype)) {
        throw new IllegalArgumentException(
            "subtype must be country, region or city ("
                + FAMILY_FIRST
                + " for a person): "
                + subtype);
      }
      if (subtype != null && type != EntityType.LOCATION) {
        throw new IllegalArgumentException("only locations have a subtype");
      }
      String name = field(cols[3]);
      String wikidata = field(cols[4]);
      if (wikidata != null && !QID.matcher(wikidata).matches()) {
        throw new IllegalArgumentException("wikidata must be a QID like Q7184: " + wikidata);
      }
      String geonames = field(cols[5]);
      if (geonames != null && !geonames.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("geonames must be a number: " + geonames);
      }
      String iso = field(cols[6]);
      if (iso != null && !ISO.matcher(iso).matches()) {
        throw new IllegalArgumentException("iso3166 must be like ID or US-GA: " + iso);
      }
      String key = "kb:" + slug;
      if (!drafts.containsKey(key)) {
        if (iso != null && keyByIso.containsKey(iso)) {
          key = keyByIso.get(iso);
        } else if (geonames != null && keyByGeonames.containsKey(geonames)) {
          key = keyByGeonames.get(geonames);
        }
      }
      Draft d = drafts.get(key);
      if (d == null) {
        if (name == null) {
          throw new IllegalArgumentException("a new entry needs a name");
        }
        d = new Draft();
        d.slug = slug;
      }
      d.type = type;
      // a row that only adds ids to a GeoNames place (name and aliases "-") keeps it a GeoNames
      // place: the capitals' ids must not make "Romo" (Rome in GeoNames) a hand-kept alias
      d.curated |= !drafts.containsKey(key) || name != null || field(cols[7]) != null;
      if (subtype != null) {
        d.subtype = subtype;
      }
      d.familyFirst |= familyFirst;
      if (name != null) {
        d.name = name;
        d.alias(name, null, true);
      }
      if (wikidata != null) {
        d.wikidata = wikidata;
      }
      if (geonames != null) {
        d.geonames = geonames;
      }
      if (iso != null) {
        d.iso = iso;
        d.country = iso.substring(0, 2);
      }
      String aliases = field(cols[7]);
      if (aliases != null) {
        for (String a : aliases.split("\\|")) {
          String text = a.strip();
          String language = null;
          int at = text.lastIndexOf('@');
          if (at > 0) {
            language = text.substring(at + 1);
            text = text.substring(0, at);
          }
          if (text.isEmpty()) {
            throw new IllegalArgumentException("empty alias in " + cols[7]);
          }
          d.alias(text, language, true);
        }
      }
      drafts.put(key, d);
      if (d.iso != null) {
        keyByIso.putIfAbsent(d.iso, key);
      }
      if (d.geonames != null) {
        keyByGeonames.putIfAbsent(d.geonames, key);
      }
      if (!key.equals("kb:" + slug)) {
        drafts.putIfAbsent("kb:" + slug, d);
      }
    }

    private static String field(String s) {
      String t = s.strip();
      return t.isEmpty() || t.equals("-") ? null : t;
    }

    private static long parseLong(String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    KnowledgeBase build() {
      Map<Draft, Boolean> seen = new java.util.IdentityHashMap<>();
      List<KbEntry> out = new ArrayList<>();
      for (Draft d : drafts.values()) {
        if (seen.put(d, Boolean.TRUE) == null) {
          out.add(d.toEntry());
        }
      }
      return new KnowledgeBase(out);
    }
  }
}
