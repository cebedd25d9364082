package io.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.Article;
import io.newsflow.ingest.ReadResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedParserTest {
  private static final Instant NOW = Instant.parse("2025-03-03T02:00:00Z");
  private final FeedParser parser = new FeedParser();

  @Test
  void shouldMapRssItemsToArticlesWhenFeedIsRss2() throws Exception {
    FeedSpec spec = FeedSpec.of("https://www.warta-contoh.id/rss/terkini.xml");

    FeedParser.Parsed parsed = parse("rss2.xml", spec);

    assertThat(parsed.type()).isEqualTo("rss_2.0");
    List<Article> articles = articles(parsed);
    assertThat(articles).hasSize(3);
    Article rice = articles.get(0);
    assertThat(rice.title()).isEqualTo("Harga beras naik menjelang Lebaran");
    assertThat(rice.url())
        .isEqualTo("https://www.warta-contoh.id/ekonomi/harga-beras-naik?utm_source=rss");
    assertThat(rice.id())
        .isEqualTo(Article.idOf("https://warta-contoh.id/ekonomi/harga-beras-naik", null, null));
    assertThat(rice.outlet()).isEqualTo("warta-contoh.id");
    assertThat(rice.language()).isEqualTo("id");
    assertThat(rice.publishedAt()).isEqualTo(Instant.parse("2025-03-03T00:15:00Z"));
    assertThat(rice.ingestedAt()).isEqualTo(NOW);
    assertThat(rice.body())
        .isEqualTo(
            "Harga beras medium di pasar induk naik 5 persen dalam sepekan.\n"
                + "Pedagang menyebut pasokan dari daerah sentra berkurang & permintaan meningkat.");
    assertThat(rice.credits()).containsExactly("Author: Rina Wulandari");
    assertThat(rice.source()).isEqualTo(spec.key());
    assertThat(rice.problems()).isEmpty();

    Article flood = articles.get(1);
    assertThat(flood.body())
        .as("full content preferred to the description, scripts dropped")
        .isEqualTo(
            "Hujan deras sejak dini hari membuat Kali Bekasi meluap.\n"
                + "Badan Penanggulangan Bencana Daerah mencatat 312 rumah terendam dengan"
                + " ketinggian air hingga satu meter.");
    Article football = articles.get(2);
    assertThat(football.url())
        .as("relative link resolved against the feed URL")
        .isEqualTo("https://www.warta-contoh.id/olahraga/timnas-u23-semifinal");
    assertThat(football.body()).contains("2\u20131 atas Vietnam");
  }

  @Test
  void shouldMapAtomEntriesWhenFeedIsAtom() throws Exception {
    FeedSpec spec = FeedSpec.of("https://feeds.example-wire.com/world.atom");

    FeedParser.Parsed parsed = parse("atom.xml", spec);

    assertThat(parsed.type()).isEqualTo("atom_1.0");
    List<Article> articles = articles(parsed);
    assertThat(articles).hasSize(2);
    Article talks = articles.get(0);
    assertThat(talks.title()).isEqualTo("Ceasefire talks resume in Cairo");
    assertThat(talks.url()).isEqualTo("https://news.example-wire.com/world/ceasefire-talks-resume");
    assertThat(talks.outlet())
        .as("host of the feed's alternate link")
        .isEqualTo("news.example-wire.com");
    assertThat(talks.body())
        .isEqualTo(
            "Negotiators met again in Cairo on Monday, officials said.\nNo agreement was announced.");
    assertThat(talks.publishedAt()).isEqualTo(Instant.parse("2025-03-03T00:40:00Z"));
    assertThat(talks.credits()).containsExactly("Author: Sam Carter");
    Article rates = articles.get(1);
    assertThat(rates.publishedAt())
        .as("updated when not published")
        .isEqualTo(Instant.parse("2025-03-02T18:00:00Z"));
    assertThat(rates.body()).startsWith("The central bank kept its policy rate unchanged");
  }

  @Test
  void shouldUseConfiguredOutletWhenFeedListNamesOne() throws Exception {
    FeedSpec spec =
        FeedSpec.of("https://feeds.example-wire.com/world.atom").withOutlet("wire.example");

    assertThat(articles(parse("atom.xml", spec)))
        .allSatisfy(a -> assertThat(a.outlet()).isEqualTo("wire.example"));
  }

  @Test
  void shouldReportItemWithoutTextNamingTheFieldWhenItemHasOnlyATitle() throws Exception {
    FeedParser.Parsed parsed =
        parse("rss-one-item.xml", FeedSpec.of("https://kabar-singkat.example/rss"));

    assertThat(parsed.items()).hasSize(2);
    assertThat(parsed.items().get(1).result())
        .isInstanceOfSatisfying(
            ReadResult.Failed.class,
            f -> {
              assertThat(f.location()).contains("item 2").contains("tanpa-isi");
              assertThat(f.message()).contains("field 'body'");
            });
    assertThat(parsed.items().get(1).id())
        .isEqualTo(Article.idOf("https://kabar-singkat.example/tanpa-isi", null, null));
  }

  @Test
  void shouldThrowMalformedWhenXmlIsBroken() {
    FeedSpec spec = FeedSpec.of("https://broken.example/rss");

    assertThatThrownBy(() -> parse("malformed.xml", spec))
        .isInstanceOf(FeedParser.MalformedFeedException.class)
        .hasMessageStartingWith("not a valid RSS or Atom feed");
  }

  @Test
  void shouldThrowMalformedWhenDocumentIsNotAFeed() {
    byte[] html = "<html><body>Not a feed</body></html>".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () -> parser.parse(html, "text/html", FeedSpec.of("https://x.example/"), NOW))
        .isInstanceOf(FeedParser.MalformedFeedException.class);
  }

  @Test
  void shouldRefuseDoctypeWhenFeedDeclaresExternalEntities() {
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <rss version="2.0"><channel><title>t</title><link>https://x.example/</link>
        <item><title>a</title><link>https://x.example/a</link><description>&x;</description></item>
        </channel></rss>
        """;

    assertThatThrownBy(
            () ->
                parser.parse(
                    xxe.getBytes(StandardCharsets.UTF_8),
                    null,
                    FeedSpec.of("https://x.example/"),
                    NOW))
        .isInstanceOf(FeedParser.MalformedFeedException.class);
  }

  @Test
  void shouldDecodeEntitiesAndDropTagsWhenTurningHtmlIntoText() {
    assertThat(HtmlText.toText("<p>A&nbsp;&amp;&#160;B</p><br/>C &#x263A; &unknown; <i>d</i>"))
        .isEqualTo("A & B\nC \u263A &unknown; d");
    assertThat(HtmlText.toText("<!-- ad --><p> </p>")).isNull();
  }

  private FeedParser.Parsed parse(String fixture, FeedSpec spec) throws Exception {
    return parser.parse(
        FeedServer.fixture(fixture).getBytes(StandardCharsets.UTF_8),
        "application/rss+xml; charset=utf-8",
        spec,
        NOW);
  }

  private static List<Article> articles(FeedParser.Parsed parsed) {
    return parsed.items().stream()
        .map(FeedParser.Item::result)
        .filter(ReadResult.Ok.class::isInstance)
        .map(r -> ((ReadResult.Ok) r).article())
        .toList();
  }
}
