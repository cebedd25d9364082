package io.newsflow.enrich.near;

import io.newsflow.enrich.EnrichTopology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/** Marks an indexed article as a near copy in {@value EnrichTopology#SIGNATURE_STORE}. */
public final class VerdictUpdateProcessor implements Processor<String, VerdictUpdate, Void, Void> {
  private WindowStore<String, SignatureEntry> signatures;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.signatures = context.getStateStore(EnrichTopology.SIGNATURE_STORE);
  }

  @Override
  public void process(Record<String, VerdictUpdate> record) {
    VerdictUpdate u = record.value();
    SignatureEntry entry = signatures.fetch(u.articleId(), u.time());
    if (entry != null) {
      signatures.put(
          u.articleId(), new SignatureEntry(entry.signature(), u.canonicalId()), u.time());
    }
  }
}
