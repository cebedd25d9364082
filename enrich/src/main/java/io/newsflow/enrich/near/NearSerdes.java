package io.newsflow.enrich.near;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Binary serdes ({@link Bin}) of the near-duplicate records on the internal topics ({@code
 * lsh-band-queries}, {@code lsh-band-answers}, {@code lsh-verdict-updates}) and in the stores
 * ({@code lsh-signatures}, {@code near-waiting}). Each value starts with an encoding version byte.
 * Null stays null (tombstones).
 */
public final class NearSerdes {
  private static final int V1 = 1;

  private NearSerdes() {}

  public static final Serde<BandQuery> BAND_QUERY =
      serde(
          "BandQuery",
          (q, w) -> {
            w.writeString(q.articleId())
                .writeLong(q.time())
                .writeInt(q.replyPartition())
                .writeInt(q.targetPartition())
                .writeInts(q.signature())
                .writeInt(q.bands().size());
            q.bands().forEach(w::writeString);
          },
          r -> {
            String id = r.readString();
            long time = r.readLong();
            int reply = r.readInt();
            int target = r.readInt();
            int[] signature = r.readInts();
            int n = r.readInt();
            List<String> bands = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              bands.add(r.readString());
            }
            return new BandQuery(id, time, reply, target, bands, signature);
          },
          true);

  public static final Serde<BandAnswer> BAND_ANSWER =
      serde(
          "BandAnswer",
          (a, w) -> {
            w.writeString(a.articleId()).writeInt(a.replyPartition()).writeInt(a.fromPartition());
            writeCandidates(a.candidates(), w);
          },
          r -> {
            String id = r.readString();
            int reply = r.readInt();
            int from = r.readInt();
            return new BandAnswer(id, reply, from, readCandidates(r));
          },
          false);

  public static final Serde<VerdictUpdate> VERDICT_UPDATE =
      serde(
          "VerdictUpdate",
          (u, w) ->
              w.writeString(u.articleId())
                  .writeLong(u.time())
                  .writeString(u.canonicalId())
                  .writeInt(u.targetPartition()),
          r -> {
            String id = r.readString();
            long time = r.readLong();
            String canonicalId = r.readString();
            return new VerdictUpdate(id, time, canonicalId, r.readInt());
          },
          false);

  public static final Serde<SignatureEntry> SIGNATURE =
      serde(
          "SignatureEntry",
          (e, w) -> w.writeInts(e.signature()).writeString(e.canonicalId()),
          r -> {
            int[] signature = r.readInts();
            return new SignatureEntry(signature, r.readString());
          },
          false);

  public static final Serde<NearWaiting> WAITING =
      serde(
          "NearWaiting",
          (n, w) -> {
            w.writeLong(n.time()).writeLong(n.createdAtMs());
            writeInts(n.partitions(), w);
            writeInts(n.answered(), w);
            writeCandidates(n.candidates(), w);
          },
          r -> {
            long time = r.readLong();
            long createdAtMs = r.readLong();
            List<Integer> partitions = readInts(r);
            List<Integer> answered = readInts(r);
            return new NearWaiting(time, createdAtMs, partitions, answered, readCandidates(r));
          },
          false);

  private static void writeCandidates(List<Candidate> candidates, Bin.Writer w) {
    w.writeInt(candidates.size());
    for (Candidate c : candidates) {
      w.writeString(c.id())
          .writeLong(c.time())
          .writeDouble(c.similarity())
          .writeString(c.canonicalId());
    }
  }

  private static List<Candidate> readCandidates(Bin.Reader r) {
    int n = r.readInt();
    List<Candidate> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = r.readString();
      long time = r.readLong();
      double similarity = r.readDouble();
      out.add(new Candidate(id, time, similarity, r.readString()));
    }
    return out;
  }

  private static void writeInts(List<Integer> values, Bin.Writer w) {
    w.writeInt(values.size());
    values.forEach(w::writeInt);
  }

  private static List<Integer> readInts(Bin.Reader r) {
    int n = r.readInt();
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.readInt());
    }
    return out;
  }

  private static <T> Serde<T> serde(
      String what, BiConsumer<T, Bin.Writer> write, Function<Bin.Reader, T> read, boolean query) {
    return Serdes.serdeFrom(
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          Bin.Writer w = new Bin.Writer(query ? 1024 : 64).writeByte(V1);
          write.accept(value, w);
          return w.toBytes();
        },
        (topic, bytes) -> bytes == null ? null : read.apply(new Bin.Reader(bytes, V1, what)));
  }
}
