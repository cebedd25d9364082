// Old and new entity tagger in one JVM, alternated round by round (issue 20 speed work):
// build the tools jar of each version, copy jar + lib/ to /tmp/speed-old and /tmp/speed-new,
// then, from the project root: javac -d /tmp/ab tools/scripts/AB.java && java -Xmx4g -cp /tmp/ab AB 9
// (-Dab.old=DIR -Dab.new=DIR for other directories, -Dnewsflow.home=DIR for another seeds/ folder)
// Prints per-round thread CPU time per article (2,000 bench articles) of the dictionary-and-rules
// path (as bench --hot-paths "entities") and of the model path, and the medians.
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.*;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.*;

/** Old and new tagger jars in one JVM, alternated round by round, thread CPU time per article. */
public class AB {
  static final class Side {
    final String name; final Object rules; final Object model; final Method tag; final List<?> articles; final Method lang;
    Side(String dir) throws Exception {
      name = dir;
      List<URL> urls = new ArrayList<>();
      urls.add(new File(dir, "newsflow-tools.jar").toURI().toURL());
      for (File f : new File(dir, "lib").listFiles()) urls.add(f.toURI().toURL());
      ClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
      Class<?> kbc = cl.loadClass("io.newsflow.analysis.entity.KnowledgeBase");
      Class<?> tc = cl.loadClass("io.newsflow.analysis.entity.EntityTagger");
      Object kb = kbc.getMethod("defaults").invoke(null);
      rules = tc.getConstructor(kbc).newInstance(kb);
      model = tc.getMethod("defaults").invoke(null);
      Class<?> ac = cl.loadClass("io.newsflow.contracts.Article");
      tag = tc.getMethod("tag", ac, String.class);
      lang = ac.getMethod("language");
      Class<?> cc = cl.loadClass("io.newsflow.testkit.Corpus");
      Class<?> oc = cl.loadClass("io.newsflow.testkit.Corpus$Options");
      Object gen = cc.getMethod("fromSeeds", Path.class).invoke(null, Path.of(System.getProperty("newsflow.home", ".")).resolve("seeds"));
      Object opts = oc.getConstructor(double.class, boolean.class).newInstance(0.2, true);
      List<?> all = (List<?>) cc.getMethod("articles", int.class, double.class, long.class, Instant.class, oc)
          .invoke(gen, 3000, 0.3, 42L, Instant.EPOCH, opts);
      articles = all.subList(0, 2000);
    }
    /** us per article, this thread's CPU time */
    double run(boolean withModel) throws Exception {
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long t0 = cpu.getCurrentThreadCpuTime();
      long sink = 0;
      for (Object a : articles) {
        Object tagger = withModel ? model : rules;
        String l = withModel ? (String) lang.invoke(a) : "id";
        sink += ((List<?>) tag.invoke(tagger, a, l)).size();
      }
      if (sink == 42) System.out.print("");
      return (cpu.getCurrentThreadCpuTime() - t0) / 1e3 / articles.size();
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    Side a = new Side(System.getProperty("ab.old", "/tmp/speed-old"));
    Side b = new Side(System.getProperty("ab.new", "/tmp/speed-new"));
    for (Side s : List.of(a, b)) { s.run(false); s.run(true); s.run(false); s.run(true); } // warm-up
    for (boolean m : new boolean[] {false, true}) {
      List<Double> ra = new ArrayList<>(), rb = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        boolean aFirst = r % 2 == 0;
        double x = (aFirst ? a : b).run(m);
        double y = (aFirst ? b : a).run(m);
        ra.add(aFirst ? x : y); rb.add(aFirst ? y : x);
      }
      System.out.printf(Locale.ROOT, "%s path: old %s%n  new %s%n", m ? "model (id/en as written)" : "rules (bench 'entities', language id)", fmt(ra), fmt(rb));
      Collections.sort(ra); Collections.sort(rb);
      System.out.printf(Locale.ROOT, "  median old %.1f us, new %.1f us, new/old %.3f%n", ra.get(rounds/2), rb.get(rounds/2), rb.get(rounds/2)/ra.get(rounds/2));
    }
  }
  static String fmt(List<Double> v) { StringBuilder sb = new StringBuilder(); for (double d : v) sb.append(String.format(Locale.ROOT, "%.1f ", d)); return sb.toString(); }
}
