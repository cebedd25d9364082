package io.newsflow.kit;

import java.io.IOException;

/** Serves the requests of one route of an {@link HttpService}. */
@FunctionalInterface
public interface HttpHandler {
  /**
   * Answers one request. Runs on a handler thread of the server; it may block (read the body, wait
   * for Kafka) for as long as the request needs.
   */
  void handle(HttpExchange exchange) throws IOException;
}
