package io.newsflow.app.system;

import io.newsflow.app.Pipeline;
import io.newsflow.app.PipelineTopics;
import io.newsflow.app.Settings;
import io.newsflow.app.StreamsService;
import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.testkit.TestBrokers;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A run without faults: the plan through the pipeline's apps (the code the images carry, with the
 * same settings) on one in-process broker. What it writes is what the cluster must write.
 */
final class InProcessRun {
  private InProcessRun() {}

  static PipelineOutcome run(
      StreamPlan plan,
      String production,
      Map<String, String> overrides,
      int partitions,
      Duration levelTimeout,
      Path dir)
      throws Exception {
    Properties props = new Properties();
    props.load(new StringReader(production));
    Map<String, String> own = new TreeMap<>();
    Map<String, String> kafka = new TreeMap<>();
    props
        .stringPropertyNames()
        .forEach(
            k -> (k.startsWith(Settings.PREFIX) ? own : kafka).put(k, props.getProperty(k).trim()));
    kafka.putAll(overrides);
    // One broker: one copy of each internal topic, and no other instance to hold a standby.
    kafka.put("replication.factor", "1");
    kafka.put("num.standby.replicas", "0");
    Settings settings = new Settings(own, kafka);
    try (EmbeddedKafkaBroker broker = TestBrokers.builder(dir.resolve("broker")).port(0).build()) {
      broker.start();
      String bootstrap = broker.bootstrapServers();
      PipelineTopics.ensure(bootstrap, partitions, Optional.empty());
      Path state = dir.resolve("streams");
      try (StreamsService enrich =
              Pipeline.enrich(bootstrap, state, settings, Pipeline.ENRICH_APP_ID);
          StreamsService aggregate =
              Pipeline.aggregate(bootstrap, state, settings, Pipeline.AGGREGATE_APP_ID)) {
        enrich.start(Pipeline.START_TIMEOUT);
        aggregate.start(Pipeline.START_TIMEOUT);
        new Feeder(bootstrap, levelTimeout).feed(plan, new Progress());
        ClusterFaultsIT.awaitQuiet(bootstrap);
        return PipelineOutcome.read(bootstrap);
      }
    }
  }
}
