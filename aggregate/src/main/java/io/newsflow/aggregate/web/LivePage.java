package io.newsflow.aggregate.web;

import io.newsflow.kit.HttpExchange;
import io.newsflow.kit.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The live page of the aggregate app at {@code /}: articles counted, throughput and the share of
 * copies, articles per hour or day from the count stores ({@code /api/volume}), the latest enriched
 * articles ({@code /api/latest}), top actors, locations, themes, outlets and wire agencies ({@code
 * /api/top}); a story view ({@code #story=ID}: its articles, copies under their original, a
 * timeline) and a facet value view ({@code #facet=&key=}: its series and stories), refreshed every
 * 1.5 s from the query API by plain JavaScript in the browser. Charts are drawn with uPlot, served
 * from this jar (see {@code web/vendor/README.md}): the page needs no outside network.
 *
 * <p>Every file has an exact-path route ({@link HttpService} routes by exact path). The page, its
 * script and style are revalidated on every load ({@code no-cache} with an {@code ETag}, so a new
 * release is picked up at once); the vendored library has its version in its path and is cached for
 * a year.
 */
public final class LivePage {
  /** uPlot's version: part of the vendored files' names and paths. */
  public static final String UPLOT_VERSION = "1.6.32";

  private static final String RESOURCES = "/io/newsflow/aggregate/web/";
  private static final String REVALIDATE = "no-cache";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  // The page loads only its own files and talks only to its own origin.
  private static final String CSP =
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
          + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private record Asset(String path, byte[] body, String contentType, String cacheControl) {
    String etag() {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
        return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }
  }

  private LivePage() {}

  /** Adds the page's routes ({@code /} and its assets) to an HTTP server being built. */
  public static HttpService.Builder routes(HttpService.Builder http) {
    String uplot = "vendor/uPlot-" + UPLOT_VERSION;
    List<Asset> assets =
        List.of(
            asset("/", "index.html", "text/html; charset=utf-8", REVALIDATE),
            asset("/live.js", "live.js", "text/javascript; charset=utf-8", REVALIDATE),
            asset("/live.css", "live.css", "text/css; charset=utf-8", REVALIDATE),
            asset("/favicon.svg", "favicon.svg", "image/svg+xml", REVALIDATE),
            asset(
                "/" + uplot + ".iife.min.js",
                uplot + ".iife.min.js",
                "text/javascript; charset=utf-8",
                IMMUTABLE),
            asset(
                "/" + uplot + ".min.css", uplot + ".min.css", "text/css; charset=utf-8", IMMUTABLE),
            asset(
                "/vendor/uPlot.LICENSE",
                "vendor/uPlot.LICENSE",
                "text/plain; charset=utf-8",
                IMMUTABLE));
    for (Asset a : assets) {
      String etag = a.etag();
      http.route(a.path(), exchange -> serve(exchange, a, etag));
    }
    return http;
  }

  private static Asset asset(String path, String resource, String contentType, String cache) {
    try (InputStream in = LivePage.class.getResourceAsStream(RESOURCES + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCES + resource);
      }
      return new Asset(path, in.readAllBytes(), contentType, cache);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCES + resource, e);
    }
  }

  private static void serve(HttpExchange exchange, Asset asset, String etag) throws IOException {
    String method = exchange.getRequestMethod();
    boolean head = "HEAD".equals(method);
    if (!head && !"GET".equals(method)) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      HttpService.respondText(exchange, 405, "only GET and HEAD are supported\n");
      return;
    }
    var headers = exchange.getResponseHeaders();
    headers.set("Cache-Control", asset.cacheControl());
    headers.set("ETag", etag);
    headers.set("X-Content-Type-Options", "nosniff");
    if (asset.contentType().startsWith("text/html")) {
      headers.set("Content-Security-Policy", CSP);
      headers.set("Referrer-Policy", "no-referrer");
    }
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (ifNoneMatch != null && List.of(ifNoneMatch.split("\\s*,\\s*")).contains(etag)) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    if (head) {
      headers.set("Content-Type", asset.contentType());
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    HttpService.respond(exchange, 200, asset.contentType(), asset.body());
  }
}
