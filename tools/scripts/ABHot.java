// Old and new annotation hot paths (normalisation, language, wire credits, themes, MinHash, story
// features, and the whole annotate) in one JVM, alternated round by round (issue 22 speed work):
// build the tools jar of each version, copy jar + lib/ to /tmp/hot-old and /tmp/hot-new, then, from
// the project root: javac -d /tmp/abhot tools/scripts/ABHot.java && java -Xmx3g -cp /tmp/abhot ABHot 9
// (-Dab.old=DIR -Dab.new=DIR for other directories, -Dnewsflow.home=DIR for another seeds/ folder).
// Prints per-round thread CPU time per article (2,000 bench articles) of each step and the medians.
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.*;
import java.util.function.IntConsumer;

/** Old and new jars in one JVM, alternated round by round, thread CPU time per article. */
public class ABHot {
  static final String[] STEPS = {"normalise body", "language", "wire credits", "themes", "minhash signature", "story features", "annotate (all)"};

  static final class Side {
    final Map<String, IntConsumer> steps = new LinkedHashMap<>();
    final int size;
    Side(String dir) throws Exception {
      List<URL> urls = new ArrayList<>();
      urls.add(new File(dir, "newsflow-tools.jar").toURI().toURL());
      for (File f : new File(dir, "lib").listFiles()) urls.add(f.toURI().toURL());
      ClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
      Class<?> ac = cl.loadClass("io.newsflow.contracts.Article");
      Class<?> cc = cl.loadClass("io.newsflow.testkit.Corpus");
      Class<?> oc = cl.loadClass("io.newsflow.testkit.Corpus$Options");
      Object gen = cc.getMethod("fromSeeds", Path.class).invoke(null, Path.of(System.getProperty("newsflow.home", ".")).resolve("seeds"));
      Object opts = oc.getConstructor(double.class, boolean.class).newInstance(0.2, true);
      List<?> all = (List<?>) cc.getMethod("articles", int.class, double.class, long.class, Instant.class, oc)
          .invoke(gen, 3000, 0.3, 42L, Instant.EPOCH, opts);
      List<?> articles = all.subList(0, 2000);
      size = articles.size();
      Method title = ac.getMethod("title"), body = ac.getMethod("body"), lang = ac.getMethod("language");
      String[] titles = new String[size], bodies = new String[size], langs = new String[size];
      for (int i = 0; i < size; i++) {
        titles[i] = (String) title.invoke(articles.get(i));
        bodies[i] = (String) body.invoke(articles.get(i));
        langs[i] = (String) lang.invoke(articles.get(i));
      }
      Method normalize = cl.loadClass("io.newsflow.contracts.Text").getMethod("normalize", String.class);
      Method detect = cl.loadClass("io.newsflow.analysis.language.LanguageDetector").getMethod("detect", String[].class);
      Class<?> wc = cl.loadClass("io.newsflow.analysis.wire.WireDetector");
      Object wire = wc.getMethod("defaults").invoke(null);
      Method wireDetect = wc.getMethod("detect", ac);
      Class<?> tc = cl.loadClass("io.newsflow.analysis.theme.ThemeTagger");
      Object themes = tc.getMethod("defaults").invoke(null);
      Method tag = tc.getMethod("tag", ac);
      Class<?> mc = cl.loadClass("io.newsflow.analysis.near.MinHasher");
      Object hasher = mc.getConstructor(int.class, int.class).newInstance(3, 128);
      Method signature = mc.getMethod("signature", String.class);
      Class<?> kbc = cl.loadClass("io.newsflow.analysis.entity.KnowledgeBase");
      Class<?> ec = cl.loadClass("io.newsflow.analysis.entity.EntityTagger");
      Object rules = ec.getConstructor(kbc).newInstance(kbc.getMethod("defaults").invoke(null));
      Method etag = ec.getMethod("tag", ac, String.class);
      List<?>[] entities = new List<?>[size];
      for (int i = 0; i < size; i++) entities[i] = (List<?>) etag.invoke(rules, articles.get(i), "id");
      Method story = cl.loadClass("io.newsflow.analysis.story.StoryFeatures").getMethod("of", String.class, String.class, String.class, List.class);
      Object config = cl.loadClass("io.newsflow.enrich.EnrichConfig").getMethod("from", Map.class).invoke(null, Map.of());
      Object annotator = config.getClass().getMethod("annotator").invoke(config);
      Class<?> dc = cl.loadClass("io.newsflow.contracts.Dedup");
      Method original = dc.getMethod("original", String.class);
      Method id = ac.getMethod("id");
      Object[] dedups = new Object[size];
      for (int i = 0; i < size; i++) dedups[i] = original.invoke(null, id.invoke(articles.get(i)));
      Method annotate = annotator.getClass().getMethod("annotate", ac, String.class, dc, Instant.class);
      steps.put(STEPS[0], i -> call(normalize, null, bodies[i]));
      steps.put(STEPS[1], i -> call(detect, null, (Object) new String[] {titles[i], bodies[i]}));
      steps.put(STEPS[2], i -> call(wireDetect, wire, articles.get(i)));
      steps.put(STEPS[3], i -> call(tag, themes, articles.get(i)));
      steps.put(STEPS[4], i -> call(signature, hasher, bodies[i]));
      steps.put(STEPS[5], i -> call(story, null, langs[i], titles[i], bodies[i], entities[i]));
      steps.put(STEPS[6], i -> call(annotate, annotator, articles.get(i), "h", dedups[i], Instant.EPOCH));
    }
    static void call(Method m, Object target, Object... args) {
      try { m.invoke(target, args); } catch (Exception e) { throw new IllegalStateException(e); }
    }
    /** us per article, this thread's CPU time */
    double run(String step) {
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      IntConsumer s = steps.get(step);
      long t0 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < size; i++) s.accept(i);
      return (cpu.getCurrentThreadCpuTime() - t0) / 1e3 / size;
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    Side a = new Side(System.getProperty("ab.old", "/tmp/hot-old"));
    Side b = new Side(System.getProperty("ab.new", "/tmp/hot-new"));
    for (String step : STEPS) for (int w = 0; w < 3; w++) { a.run(step); b.run(step); } // warm-up
    System.out.printf(Locale.ROOT, "load average at start: %s%n", load());
    for (String step : STEPS) {
      List<Double> ra = new ArrayList<>(), rb = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        boolean aFirst = r % 2 == 0;
        double x = (aFirst ? a : b).run(step);
        double y = (aFirst ? b : a).run(step);
        ra.add(aFirst ? x : y); rb.add(aFirst ? y : x);
      }
      Collections.sort(ra); Collections.sort(rb);
      System.out.printf(Locale.ROOT, "%-18s median old %7.1f us, new %7.1f us, new/old %.3f  (old %s| new %s)%n",
          step, ra.get(rounds / 2), rb.get(rounds / 2), rb.get(rounds / 2) / ra.get(rounds / 2), fmt(ra), fmt(rb));
    }
    System.out.printf(Locale.ROOT, "load average at end: %s%n", load());
  }
  static String load() {
    try { return new String(java.nio.file.Files.readAllBytes(Path.of("/proc/loadavg"))).trim(); } catch (Exception e) { return "?"; }
  }
  static String fmt(List<Double> v) { StringBuilder sb = new StringBuilder(); for (double d : v) sb.append(String.format(Locale.ROOT, "%.0f ", d)); return sb.toString(); }
}
