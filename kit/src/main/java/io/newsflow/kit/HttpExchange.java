package io.newsflow.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * One request and its response, as a handler of an {@link HttpService} sees them. The methods are
 * those of the JDK's {@code com.sun.net.httpserver.HttpExchange} that newsflow's handlers use, with
 * the same meaning, so that the server underneath (Jetty) stays out of the handlers.
 */
public final class HttpExchange implements AutoCloseable {
  private final Request request;
  private final Response response;
  private final URI uri;
  private final Headers requestHeaders;
  private final Headers responseHeaders;
  private InputStream in;
  private OutputStream out;
  private int status = -1;

  HttpExchange(Request request, Response response, URI uri) {
    this.request = request;
    this.response = response;
    this.uri = uri;
    this.requestHeaders = new Headers(request.getHeaders());
    this.responseHeaders = new Headers(response.getHeaders());
  }

  /**
   * The request target ({@code /path?query}) as a URI; the path alone when the query is not valid
   * URI syntax (a stray {@code %}, as in {@code ?facet=%ZZ}: {@link #getRawQuery()} still has it,
   * so that a handler can say which parameter is wrong); null when the path is not valid either.
   */
  static URI target(Request request) {
    HttpURI target = request.getHttpURI();
    String query = target.getQuery();
    try {
      return new URI(target.getPath() + (query == null ? "" : "?" + query));
    } catch (java.net.URISyntaxException e) {
      try {
        return new URI(target.getPath());
      } catch (java.net.URISyntaxException pathToo) {
        return null;
      }
    }
  }

  /**
   * The query exactly as the client sent it (still percent-encoded), or null when there is none.
   * Unlike {@code getRequestURI().getRawQuery()}, present even when it is not valid URI syntax.
   */
  public String getRawQuery() {
    return request.getHttpURI().getQuery();
  }

  /** {@code GET}, {@code POST}, ... */
  public String getRequestMethod() {
    return request.getMethod();
  }

  /** The request target: path and query as the client sent them (see {@link URI#getRawQuery()}). */
  public URI getRequestURI() {
    return uri;
  }

  /** The request's headers (read only). */
  public Headers getRequestHeaders() {
    return requestHeaders;
  }

  /** The response's headers: set them before {@link #sendResponseHeaders}. */
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  /** The request body; reads block until the client sends (at most the server's idle timeout). */
  public InputStream getRequestBody() {
    if (in == null) {
      in = Content.Source.asInputStream(request);
    }
    return in;
  }

  /**
   * Starts the response. {@code length}: the body's length in bytes; {@code -1} for no body; 0 for
   * a body of unknown length (sent chunked).
   */
  public void sendResponseHeaders(int code, long length) throws IOException {
    if (status != -1) {
      throw new IOException("response headers already sent (" + status + ")");
    }
    status = code;
    response.setStatus(code);
    if (length > 0) {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
    } else if (length < 0 && code != 304 && code != 204 && !"HEAD".equals(getRequestMethod())) {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
    }
  }

  /** The response body: write after {@link #sendResponseHeaders}; closing it ends the response. */
  public OutputStream getResponseBody() {
    if (out == null) {
      out = Content.Sink.asOutputStream(response);
    }
    return out;
  }

  /** The status sent, or -1 before {@link #sendResponseHeaders}. */
  public int getResponseCode() {
    return status;
  }

  /** Ends the response (its body, if one was opened). */
  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }

  /** Header fields: names are case-insensitive. */
  public static final class Headers {
    private final HttpFields fields;

    Headers(HttpFields fields) {
      this.fields = fields;
    }

    /** The first value of {@code name}, or null. */
    public String getFirst(String name) {
      return fields.get(name);
    }

    /** Replaces every value of {@code name} (response headers only). */
    public void set(String name, String value) {
      if (!(fields instanceof HttpFields.Mutable mutable)) {
        throw new UnsupportedOperationException("request headers are read only");
      }
      mutable.put(name, value);
    }
  }
}
