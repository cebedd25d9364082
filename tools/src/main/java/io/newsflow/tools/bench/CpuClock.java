package io.newsflow.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/** CPU time of the whole JVM, or of the stream threads of one Streams app, since a start. */
final class CpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> startNanos;

  private CpuClock(Map<Long, Long> startNanos) {
    this.startNanos = startNanos;
  }

  /** The JVM's CPU time so far, in nanoseconds. */
  static long process() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * A clock over the live stream threads of the app whose client id starts with {@code prefix}
   * (Kafka Streams names them {@code <client id>-StreamThread-<n>}).
   */
  static CpuClock threads(String prefix) {
    Map<Long, Long> start = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix) && t.getName().contains("-StreamThread-")) {
        start.put(t.getId(), THREADS.getThreadCpuTime(t.getId()));
      }
    }
    return new CpuClock(start);
  }

  /** CPU time those threads used since the clock started (a thread that ended counts as 0). */
  long elapsedNanos() {
    long total = 0;
    for (Map.Entry<Long, Long> e : startNanos.entrySet()) {
      long now = THREADS.getThreadCpuTime(e.getKey());
      if (now >= 0) {
        total += now - e.getValue();
      }
    }
    return total;
  }
}
