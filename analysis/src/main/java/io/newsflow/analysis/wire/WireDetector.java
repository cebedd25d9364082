package io.newsflow.analysis.wire;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.WireCredit;
import io.newsflow.contracts.WireCredit.Evidence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the wire agencies an article credits: the agencies whose copy the article is built on.
 *
 * <h2>The rule</h2>
 *
 * An article <b>credits</b> an agency when the agency is named in a crediting position:
 *
 * <ol>
 *   <li><b>Source statement</b>, anywhere: a credit line in {@link Article#credits()} or a title or
 *       body text labelled {@code Sumber:}, {@code Sumber :}, {@code Sumber berita:}, {@code
 *       Source:}, {@code Sources:}, {@code Penulis:}, {@code Reporter:}, {@code Pewarta:}, {@code
 *       Writer:} or {@code Author:} (in the body: at the start of a paragraph, after a sentence,
 *       after {@code |} or inside brackets, e.g. {@code (Sumber: Yonhap)}). The value may list
 *       several agencies ({@code Sumber: Reuters, AFP/AP}); each item must start with an agency
 *       name. A URL names an agency only when its host is one of the agency's domains ({@code
 *       Sumber: https://baoquocte.vn/...} credits nobody). {@code Editor:} and photo credits
 *       ({@code Foto: AFP}) are not source statements.
 *   <li><b>Sign-off</b>: the body's last paragraph ends, after the end of a sentence, with a
 *       bracket of agency names and optional editor initials: {@code ... katanya. (BBC)}, {@code
 *       (ANTARA/abc)}, {@code (Reuters/AFP)}.
 *   <li><b>Dateline</b> at the start of any paragraph: an optional place of capitalised words, then
 *       a bracket of agency names and initials, then a dash: {@code WASHINGTON (Reuters) -}, {@code
 *       (Reuters) -}, {@code JAKARTA (ANTARA) -}, {@code KYIV, Ukraine (AP) —}.
 *   <li><b>Sourcing phrase in the lead</b> (the title and the first {@value #LEAD_PARAGRAPHS}
 *       non-blank body paragraphs): Indonesian {@code (seperti) dikutip (dari) X}, {@code mengutip
 *       X}, {@code (seperti) dilansir (dari) X}, {@code melansir (dari) X}, {@code (seperti)
 *       dilaporkan (oleh) X}, {@code menurut (kantor berita) X}, {@code (berdasarkan) laporan X},
 *       {@code mengatakan kepada X}, {@code (kantor berita) X melaporkan}; English {@code according
 *       to X}, {@code citing X}, {@code (as) reported by X}, {@code quoted by X}, {@code via X},
 *       {@code told X}, {@code X reported}, {@code X news agency reported}, {@code (X) reported}.
 *       Between the cue and the agency there may be {@code the} and a descriptor ({@code kantor
 *       berita}, {@code news agency}, {@code media}, {@code stasiun televisi}, {@code harian},
 *       {@code laporan}, ...) with at most two qualifying words before it and three after it, and a
 *       comma: {@code dikutip dari kantor berita negara Rusia, Tass}, {@code according to the
 *       Russian state news agency TASS}. Words without a descriptor are not skipped, so {@code
 *       menurut Rutte, AFP ...} credits nobody.
 * </ol>
 *
 * An agency named anywhere else is a <b>mention</b> and yields nothing: a sourcing phrase after the
 * lead ({@code Kantor berita Yonhap melaporkan} in paragraph 8, {@code told Reuters} in paragraph
 * 6), {@code pertanyaan BBC}, {@code BBC Korea} in passing. The wire an article is built on is
 * credited up front (inverted pyramid) or at the end; an agency cited mid-article for one quote or
 * fact is a source of that fact, not of the article.
 *
 * <p>Agency names come from {@code agencies.tsv} ({@link Agency}); they match case-sensitively and
 * as whole words only, so {@code AP} matches neither {@code APBN} nor {@code ap}, and the
 * Indonesian word {@code antara} is not {@code Antara}. Cue words match in any case.
 *
 * <p>A title found inside the first paragraph (the parser derives one from the first sentence,
 * ending it with an ellipsis when cut, when a page has no headline) is not searched on its own, so
 * the same words do not give evidence twice.
 *
 * <p>The result has one {@link WireCredit} per agency with all its evidence; evidence is ordered by
 * position (title, then credit lines by index, then body by offset) and credits by their first
 * evidence. A phrase that several forms match (e.g. {@code laporan Reuters} inside {@code Sumber:
 * laporan Reuters}) is one piece of evidence. Instances are immutable and thread-safe; load the
 * table once and reuse the detector.
 */
public final class WireDetector {
  /**
   * Runs of spaces a sourcing phrase can hold before the agency name: 15 (a four-word cue, "the",
   * two qualifying words, two two-word descriptors, three words after them and a comma), counted
   * generously.
   */
  private static final int MAX_SPACES_BEFORE_NAME = 24;

  /** How many non-blank body paragraphs, after the title, make the lead. */
  public static final int LEAD_PARAGRAPHS = 3;

  private static final String SP = "[\\s\\u00A0]+";
  private static final String SP0 = "[\\s\\u00A0]*";
  private static final Pattern WHITESPACE = Pattern.compile(SP);
  private static final String NO_WORD_BEFORE = "(?<![\\p{L}\\p{N}])";
  private static final String NO_WORD_AFTER = "(?![\\p{L}\\p{N}])";
  private static final String WORD = "[\\p{L}\\p{N}][\\p{L}\\p{N}'\u2019-]*";

  /** Nouns that introduce an agency: "kantor berita Yonhap", "the news agency AFP". */
  private static final String DESCRIPTOR =
      "(?i:kantor"
          + SP
          + "berita|news"
          + SP
          + "agency|wire"
          + SP
          + "service|agency|agensi|media|stasiun"
          + SP
          + "(?:televisi|tv|radio)|televisi|radio|harian|surat"
          + SP
          + "kabar|koran|newspaper|broadcaster|penyiar|situs(?:"
          + SP
          + "web)?|laman|website|portal|outlet|laporan|reports?|jaringan|network)";

  /**
   * What may stand between a cue and the agency: "the", then optionally a descriptor with at most
   * two qualifying words before it and three after it, and a comma. Bounded so that a cue cannot
   * reach an agency in another clause.
   */
  private static final String FILLER =
      "(?:(?i:the|a|an)"
          + SP
          + ")?(?:(?:"
          + WORD
          + SP
          + "){0,2}?"
          + DESCRIPTOR
          + "(?:"
          + SP
          + DESCRIPTOR
          + ")?(?:"
          + SP
          + WORD
          + "){0,3}?"
          + SP0
          + ",?"
          + SP
          + ")?";

  /** Cues that come before the agency: "dilansir AFP", "according to Reuters". */
  static final String CUE_BEFORE =
      "(?i:(?:(?:seperti|sebagaimana)"
          + SP
          + "(?:yang"
          + SP
          + ")?)?(?:dikutip|dilansir|dilaporkan|diberitakan|disiarkan)(?:"
          + SP
          + "(?:dari|oleh))?"
          + "|mengutip|melansir(?:"
          + SP
          + "dari)?|menurut|(?:berdasarkan"
          + SP
          + ")?laporan"
          + "|(?:mengatakan|berbicara|menuturkan|menjelaskan|mengungkapkan|ujarnya|katanya)"
          + SP
          + "kepada"
          + "|according"
          + SP
          + "to|citing|(?:as"
          + SP
          + ")?reported"
          + SP
          + "by|(?:cited|quoted)"
          + SP
          + "by|via|told)";

  /**
   * The first letters of the words {@link #CUE_BEFORE} can start with, lower case: {@code seperti,
   * sebagaimana, dikutip, ..., menurut, berdasarkan, laporan, mengatakan, berbicara, ujarnya,
   * katanya, according, citing, as, reported, cited, quoted, via, told}. Its case-insensitivity is
   * ASCII only, so a char whose {@code c | 0x20} is not among these starts no cue.
   */
  static final String CUE_FIRST_LETTERS = "sdmblukacrqvt";

  /** Cues that come after the agency: "Reuters reported", "Yonhap melaporkan". */
  private static final String CUE_AFTER =
      "(?i:reported|reports|has" + SP + "reported|melaporkan|memberitakan)" + NO_WORD_AFTER;

  private static final Pattern SOURCE_STATEMENT =
      Pattern.compile(
          "(?<open>^|[(\\[|]|(?<=[.!?][\\s\\u00A0]))"
              + SP0
              + "(?<label>(?i:sumber(?:"
              + SP
              + "(?:berita|artikel))?|sources?|penulis|reporter|pewarta|writer|author))"
              + SP0
              + ":"
              + SP0
              + "(?<value>[^|()\\[\\]\\n]*)(?<close>[)\\]])?");
  private static final Pattern URL =
      Pattern.compile("(?i)(?:https?://|www\\.)(?<host>[^/:?#\\s]+)[^\\s,;]*");
  private static final Pattern LIST_SEPARATOR =
      Pattern.compile("[,/;&+]|" + SP + "(?i:dan|and|via)" + SP);
  private static final Pattern SIGN_OFF =
      Pattern.compile(
          "(?:^|(?<=[.!?\"'\u201D\u2019)\\]]))"
              + SP0
              + "(?<bracket>\\((?<list>[^()\\n]{1,80})\\))"
              + SP0
              + "\\.?"
              + SP0
              + "$");
  // A place (and date) of capitalised words: "WASHINGTON", "KYIV, Ukraine", "SEOUL, Oct 21".
  private static final String PLACE_WORD = "[\\p{Lu}\\p{N}][\\p{L}\\p{N}.'\u2019-]*";
  private static final Pattern DATELINE =
      Pattern.compile(
          "^(?:"
              + PLACE_WORD
              + "(?:,?"
              + SP
              + PLACE_WORD
              + "){0,5}"
              + SP0
              + ")?\\((?<list>[^()\\n]{1,60})\\)"
              + SP0
              + "(?:--?|\u2013|\u2014)(?=[\\s\\u00A0]|$)");
  private static final Pattern BRACKET_ITEM_SEPARATOR = Pattern.compile("[/,]");
  // Editor or reporter initials next to the agency: "(ANTARA/abc)".
  private static final Pattern INITIALS = Pattern.compile("\\p{L}{1,5}");

  private final List<Agency> agencies;
  private final Map<String, Agency> byAlias;
  private final Pattern cueThenAgency;
  private final Pattern agencyThenCue;
  private final Pattern agencyAtStart;

  /**
   * The first word of every alias, as written: a text in which none occurs names no agency, and the
   * sourcing-phrase expressions (the costliest part of detection) are not run on it.
   */
  private final List<String> aliasFirstWords;

  /**
   * Whether the expressions are tried only where they can match (near agency names, on texts with a
   * colon, on paragraphs ending with a bracket) rather than at every position, as in the rule's
   * first form; false only in tests, which pin the two to the same result.
   */
  private final boolean shortcuts;

  private WireDetector(List<Agency> agencies) {
    this(agencies, true);
  }

  private WireDetector(List<Agency> agencies, boolean shortcuts) {
    this.shortcuts = shortcuts;
    this.agencies = List.copyOf(agencies);
    Map<String, Agency> aliases = new HashMap<>();
    for (Agency agency : this.agencies) {
      for (String alias : agency.aliases()) {
        Agency previous = aliases.putIfAbsent(normalizeSpace(alias), agency);
        if (previous != null && previous != agency) {
          throw new IllegalArgumentException(
              "alias '" + alias + "' is claimed by both " + previous.id() + " and " + agency.id());
        }
      }
    }
    this.byAlias = Map.copyOf(aliases);
    this.aliasFirstWords =
        byAlias.keySet().stream().map(a -> a.split(" ")[0]).distinct().sorted().toList();
    String agency = "(?<agency>" + aliasAlternation(byAlias.keySet()) + ")" + NO_WORD_AFTER;
    this.cueThenAgency =
        Pattern.compile(NO_WORD_BEFORE + "(?:" + CUE_BEFORE + ")" + SP + FILLER + agency);
    this.agencyThenCue =
        Pattern.compile(
            NO_WORD_BEFORE
                + "(?:"
                + DESCRIPTOR
                + "(?:"
                + SP
                + WORD
                + "){0,3}?"
                + SP0
                + ",?"
                + SP
                + ")?\\(?"
                + agency
                + "\\)?(?:"
                + SP
                + "(?i:news"
                + SP
                + "agency|agency))?"
                + SP0
                + ",?"
                + SP
                + CUE_AFTER);
    this.agencyAtStart = Pattern.compile(FILLER + agency);
  }

  /** A detector for the agencies in the bundled {@code agencies.tsv}. */
  public static WireDetector defaults() {
    return new WireDetector(AgencyTable.load(AgencyTable.DEFAULT_RESOURCE));
  }

  /** The bundled detector trying every expression at every position: for tests. */
  static WireDetector withoutShortcuts() {
    return new WireDetector(AgencyTable.load(AgencyTable.DEFAULT_RESOURCE), false);
  }

  /**
   * A detector for the given agencies.
   *
   * @throws IllegalArgumentException when two agencies claim the same alias
   */
  public static WireDetector of(List<Agency> agencies) {
    return new WireDetector(agencies);
  }

  /** The agencies this detector knows, in table order. */
  public List<Agency> agencies() {
    return agencies;
  }

  /**
   * The agencies {@code article} credits, ordered by their first evidence, each with all its
   * evidence. Empty when it credits none.
   */
  public List<WireCredit> detect(Article article) {
    List<Found> found = new ArrayList<>();
    String title = article.title() == null ? "" : article.title();
    String body = article.body() == null ? "" : article.body();
    List<Paragraph> paragraphs = paragraphs(body);

    if (!title.isBlank() && !repeatsFirstParagraph(title, paragraphs)) {
      Place place = new Place(Evidence.TITLE, 0, 0);
      sourceStatements(title, place, found);
      sourcingPhrases(title, place, found);
    }
    List<String> credits = article.credits();
    for (int i = 0; i < credits.size(); i++) {
      sourceStatements(credits.get(i), new Place(Evidence.CREDITS, i, 0), found);
    }
    for (int i = 0; i < paragraphs.size(); i++) {
      Paragraph paragraph = paragraphs.get(i);
      Place place = new Place(Evidence.BODY, 0, paragraph.offset());
      sourceStatements(paragraph.text(), place, found);
      dateline(paragraph.text(), place, found);
      if (i < LEAD_PARAGRAPHS) {
        sourcingPhrases(paragraph.text(), place, found);
      }
      if (i == paragraphs.size() - 1) {
        signOff(paragraph.text(), place, found);
      }
    }
    return group(found);
  }

  // --- the four crediting forms ----------------------------------------------------------------

  private void sourceStatements(String text, Place place, List<Found> found) {
    if (shortcuts && !mayHoldLabel(text)) {
      return; // every label ends with a colon, its last word just before it
    }
    Matcher statement = SOURCE_STATEMENT.matcher(text);
    while (statement.find()) {
      String value = statement.group("value");
      int valueStart = statement.start("value");
      boolean bracketed =
          !statement.group("open").isEmpty()
              && "([".contains(statement.group("open"))
              && statement.group("close") != null;
      int phraseStart = bracketed ? statement.start("open") : statement.start("label");
      int phraseEnd = bracketed ? statement.end("close") : valueStart + trimmedLength(value);
      if (phraseEnd <= valueStart) {
        continue;
      }
      String phrase = text.substring(phraseStart, phraseEnd);
      for (Named named : namedInList(value)) {
        found.add(place.found(named.agency(), phrase, phraseStart, valueStart + named.start()));
      }
    }
  }

  private void signOff(String paragraph, Place place, List<Found> found) {
    if (shortcuts && !endsWithBracket(paragraph)) {
      return;
    }
    Matcher signOff = SIGN_OFF.matcher(paragraph);
    if (signOff.find()) {
      String bracket = signOff.group("bracket");
      for (Named named : bracketAgencies(signOff.group("list"))) {
        found.add(
            place.found(
                named.agency(),
                bracket,
                signOff.start("bracket"),
                signOff.start("list") + named.start()));
      }
    }
  }

  private void dateline(String paragraph, Place place, List<Found> found) {
    if (shortcuts && paragraph.indexOf('(') < 0) {
      return; // a dateline holds a bracket
    }
    Matcher dateline = DATELINE.matcher(paragraph);
    if (dateline.lookingAt()) {
      String phrase = paragraph.substring(0, dateline.end());
      for (Named named : bracketAgencies(dateline.group("list"))) {
        found.add(place.found(named.agency(), phrase, 0, dateline.start("list") + named.start()));
      }
    }
  }

  private void sourcingPhrases(String text, Place place, List<Found> found) {
    if (!mayNameAgency(text)) {
      return;
    }
    if (!shortcuts) {
      for (Pattern pattern : List.of(cueThenAgency, agencyThenCue)) {
        Matcher phrase = pattern.matcher(text);
        while (phrase.find()) {
          found.add(phraseFound(phrase, place));
        }
      }
      return;
    }
    int[] windows = phraseStartWindows(text);
    for (Pattern pattern : List.of(cueThenAgency, agencyThenCue)) {
      // What Matcher.find does, but trying only the positions in the windows: the lookbehinds see
      // the text before a tried position (transparent bounds), and ^/$ do not match at it.
      Matcher phrase = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      int next = 0;
      for (int w = 0; w < windows.length; w += 2) {
        for (int i = Math.max(next, windows[w]); i <= windows[w + 1]; i++) {
          if (i > 0 && isLetterOrNumber(text.charAt(i - 1))) {
            continue; // both expressions open with NO_WORD_BEFORE: no match starts here
          }
          if (pattern == cueThenAgency && CUE_FIRST_LETTERS.indexOf(text.charAt(i) | 0x20) < 0) {
            continue; // nor where no cue word starts
          }
          phrase.region(i, text.length());
          if (phrase.lookingAt()) {
            found.add(phraseFound(phrase, place));
            next = Math.max(phrase.end(), i + 1);
            i = next - 1;
          }
        }
      }
    }
  }

  private Found phraseFound(Matcher phrase, Place place) {
    return place.found(
        agencyNamed(phrase.group("agency")),
        phrase.group(),
        phrase.start(),
        phrase.start("agency"));
  }

  /**
   * Where a sourcing phrase can start: pairs of first and last position, ascending, not
   * overlapping. Both expressions match an agency name, and what stands before the name in a match
   * (a cue, "the", a descriptor of at most two words with qualifying words, a comma) holds at most
   * {@value #MAX_SPACES_BEFORE_NAME} runs of spaces; every name starts with the first word of an
   * alias as written. So a phrase starts at or before such a first word, after the run of spaces
   * that many runs before it.
   */
  private int[] phraseStartWindows(String text) {
    List<int[]> windows = new ArrayList<>();
    for (String word : aliasFirstWords) {
      for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        windows.add(new int[] {startAfterSpaceRuns(text, at, MAX_SPACES_BEFORE_NAME + 1), at});
      }
    }
    windows.sort(Comparator.comparingInt((int[] w) -> w[0]));
    int[] merged = new int[windows.size() * 2];
    int n = 0;
    for (int[] w : windows) {
      if (n > 0 && w[0] <= merged[n - 1] + 1) {
        merged[n - 1] = Math.max(merged[n - 1], w[1]);
      } else {
        merged[n++] = w[0];
        merged[n++] = w[1];
      }
    }
    return Arrays.copyOf(merged, n);
  }

  /** The position just after the {@code runs}-th run of spaces before {@code at}, or 0. */
  private static int startAfterSpaceRuns(String text, int at, int runs) {
    int i = at;
    int seen = 0;
    while (i > 0) {
      if (isSpace(text.charAt(i - 1))) {
        int runEnd = i;
        while (i > 0 && isSpace(text.charAt(i - 1))) {
          i--;
        }
        if (++seen == runs) {
          return runEnd;
        }
      } else {
        i--;
      }
    }
    return 0;
  }

  /**
   * Whether {@code c} is one of {@code [\p{L}\p{N}]}; false for a surrogate, which the expressions
   * read as part of a code point.
   */
  private static boolean isLetterOrNumber(char c) {
    if (c < 0x80) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
    if (Character.isSurrogate(c)) {
      return false;
    }
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER ->
          true;
      default -> false;
    };
  }

  /** A character of {@link #SP}: {@code \s} or a no-break space. */
  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00A0';
  }

  /** The last words of the labels of {@link #SOURCE_STATEMENT}. */
  private static final List<String> LABEL_LAST_WORDS =
      List.of(
          "sumber",
          "berita",
          "artikel",
          "source",
          "sources",
          "penulis",
          "reporter",
          "pewarta",
          "writer",
          "author");

  /**
   * Whether a colon in {@code text} follows, after spaces, the last word of a label (in any case):
   * a source statement can match only then.
   */
  private static boolean mayHoldLabel(String text) {
    for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
      int end = colon;
      while (end > 0 && isSpace(text.charAt(end - 1))) {
        end--;
      }
      for (String word : LABEL_LAST_WORDS) {
        if (end >= word.length()
            && text.regionMatches(true, end - word.length(), word, 0, word.length())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code paragraph} ends with {@code )}, then maybe a full stop, spaces and one line
   * terminator: a sign-off can match only then.
   */
  private static boolean endsWithBracket(String paragraph) {
    int end = paragraph.length();
    if (end > 0 && "\u0085\u2028\u2029".indexOf(paragraph.charAt(end - 1)) >= 0) {
      end--; // $ also matches before a final line terminator
    }
    while (end > 0 && isSpace(paragraph.charAt(end - 1))) {
      end--;
    }
    if (end > 0 && paragraph.charAt(end - 1) == '.') {
      end--;
    }
    while (end > 0 && isSpace(paragraph.charAt(end - 1))) {
      end--;
    }
    return end > 0 && paragraph.charAt(end - 1) == ')';
  }

  private boolean mayNameAgency(String text) {
    for (String word : aliasFirstWords) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }

  // --- lists of names --------------------------------------------------------------------------

  /** Agencies in a source statement's value: each list item that starts with a name, and URLs. */
  private List<Named> namedInList(String value) {
    List<Named> named = new ArrayList<>();
    StringBuilder withoutUrls = new StringBuilder(value);
    Matcher url = URL.matcher(value);
    while (url.find()) {
      String host = url.group("host").toLowerCase(Locale.ROOT);
      for (Agency agency : agencies) {
        if (agency.ownsHost(host)) {
          named.add(new Named(agency, url.start()));
          break;
        }
      }
      // Blank the URL out so that its slashes do not split it into list items.
      for (int i = url.start(); i < url.end(); i++) {
        withoutUrls.setCharAt(i, ' ');
      }
    }
    String rest = withoutUrls.toString();
    Matcher separator = LIST_SEPARATOR.matcher(rest);
    int itemStart = 0;
    while (itemStart <= rest.length()) {
      boolean more = separator.find();
      int itemEnd = more ? separator.start() : rest.length();
      String item = rest.substring(itemStart, itemEnd);
      int lead = item.length() - item.stripLeading().length();
      Matcher name = agencyAtStart.matcher(item.stripLeading());
      if (name.lookingAt()) {
        named.add(
            new Named(agencyNamed(name.group("agency")), itemStart + lead + name.start("agency")));
      }
      if (!more) {
        break;
      }
      itemStart = separator.end();
    }
    named.sort(Comparator.comparingInt(Named::start));
    return named;
  }

  /**
   * Agencies in a sign-off or dateline bracket. Every item must be an agency name or initials, so
   * that {@code (Korut)} or {@code (Foto: AFP)} credits nobody.
   */
  private List<Named> bracketAgencies(String list) {
    List<Named> named = new ArrayList<>();
    Matcher separator = BRACKET_ITEM_SEPARATOR.matcher(list);
    int itemStart = 0;
    while (true) {
      boolean more = separator.find();
      int itemEnd = more ? separator.start() : list.length();
      String item = list.substring(itemStart, itemEnd);
      String name = item.strip();
      Agency agency = byAlias.get(normalizeSpace(name));
      if (agency != null) {
        named.add(new Named(agency, itemStart + item.indexOf(name)));
      } else if (!INITIALS.matcher(name).matches()) {
        return List.of();
      }
      if (!more) {
        return named;
      }
      itemStart = separator.end();
    }
  }

  // --- grouping --------------------------------------------------------------------------------

  private static List<WireCredit> group(List<Found> found) {
    List<Found> ordered = new ArrayList<>(found);
    ordered.sort(
        Comparator.comparingInt(Found::fieldRank)
            .thenComparingInt(f -> f.evidence().index())
            .thenComparingInt(f -> f.evidence().offset())
            .thenComparingInt(Found::nameOffset));
    // One name in one place is one piece of evidence, however many forms matched it; the earliest
    // (widest) phrase wins.
    Set<String> seenNames = new HashSet<>();
    Map<Agency, Set<Evidence>> byAgency = new LinkedHashMap<>();
    for (Found f : ordered) {
      String name = f.evidence().field() + "/" + f.evidence().index() + "/" + f.nameOffset();
      if (seenNames.add(name)) {
        byAgency.computeIfAbsent(f.agency(), a -> new LinkedHashSet<>()).add(f.evidence());
      }
    }
    List<WireCredit> credits = new ArrayList<>();
    byAgency.forEach(
        (agency, evidence) ->
            credits.add(new WireCredit(agency.id(), agency.name(), List.copyOf(evidence))));
    return List.copyOf(credits);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private Agency agencyNamed(String matched) {
    return byAlias.get(normalizeSpace(matched));
  }

  private static String aliasAlternation(Set<String> aliases) {
    List<String> longestFirst = new ArrayList<>(aliases);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));
    List<String> quoted = new ArrayList<>();
    for (String alias : longestFirst) {
      List<String> words = new ArrayList<>();
      for (String word : alias.split(" ")) {
        words.add(Pattern.quote(word));
      }
      // "CBS News" also matches "CBS  News" and "CBS\u00A0News".
      quoted.add(String.join(SP, words));
    }
    return NO_WORD_BEFORE + "(?:" + String.join("|", quoted) + ")";
  }

  private static String normalizeSpace(String s) {
    return WHITESPACE.matcher(s.strip()).replaceAll(" ");
  }

  private static int trimmedLength(String value) {
    int end = value.length();
    while (end > 0
        && (Character.isWhitespace(value.charAt(end - 1))
            || value.charAt(end - 1) == '\u00A0'
            || ".,;".indexOf(value.charAt(end - 1)) >= 0)) {
      end--;
    }
    return end;
  }

  private static List<Paragraph> paragraphs(String body) {
    List<Paragraph> paragraphs = new ArrayList<>();
    int start = 0;
    while (start <= body.length()) {
      int end = body.indexOf('\n', start);
      if (end < 0) {
        end = body.length();
      }
      String text = body.substring(start, end);
      if (!text.isBlank()) {
        paragraphs.add(new Paragraph(text, start));
      }
      start = end + 1;
    }
    return paragraphs;
  }

  private static boolean repeatsFirstParagraph(String title, List<Paragraph> paragraphs) {
    if (paragraphs.isEmpty()) {
      return false;
    }
    String stem = title.strip();
    for (String ellipsis : List.of("\u2026", "...")) {
      if (stem.endsWith(ellipsis)) {
        stem = stem.substring(0, stem.length() - ellipsis.length()).strip();
      }
    }
    return !stem.isEmpty() && paragraphs.get(0).text().contains(stem);
  }

  /** A non-blank body paragraph and its offset in the body. */
  private record Paragraph(String text, int offset) {}

  /** An agency name at an offset within a list. */
  private record Named(Agency agency, int start) {}

  /** Where the text being searched sits: field, credit line, and its offset within the field. */
  private record Place(String field, int index, int base) {
    Found found(Agency agency, String phrase, int phraseStart, int nameStart) {
      return new Found(
          agency, new Evidence(phrase, field, index, base + phraseStart), base + nameStart);
    }
  }

  /**
   * Evidence for an agency; {@code nameOffset} is where its name is, to merge overlapping forms.
   */
  private record Found(Agency agency, Evidence evidence, int nameOffset) {
    int fieldRank() {
      return switch (evidence.field()) {
        case Evidence.TITLE -> 0;
        case Evidence.CREDITS -> 1;
        default -> 2;
      };
    }
  }
}
