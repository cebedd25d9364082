package io.newsflow.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what a long-running command started, in reverse order, on Ctrl-C (or when the command ends
 * on its own), and lets the command wait for that moment.
 */
final class Shutdown implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch requested = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onSignal, "newsflow-shutdown");

  Shutdown() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  synchronized <T extends AutoCloseable> T register(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Blocks until Ctrl-C (or another shutdown signal). */
  void awaitSignal() throws InterruptedException {
    requested.await();
  }

  boolean signalled() {
    return requested.getCount() == 0;
  }

  private void onSignal() {
    requested.countDown();
    closeAll();
  }

  private synchronized void closeAll() {
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("error while closing {}: {}", r, e.toString());
      }
    }
  }

  @Override
  public void close() {
    closeAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running or has run.
    }
  }
}
