package io.newsflow.tools.eval;

import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.Mention;
import io.newsflow.testkit.Corpus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeTmpTest {
  @Test
  void probe() throws Exception {
    EntityTagger t = EntityTagger.defaults();
    Corpus g = Corpus.fromSeeds(Path.of("..", "seeds"));
    Map<String, Integer> seen = new HashMap<>();
    String[] want = {
      "Besar Rusia",
      "Selatan Yoon",
      "Rusia Vladimir",
      "Korea Selatan Utara",
      "Perserikatan",
      "Bangsa-Bangsa",
      "Bethal",
      "Rusia Korea",
      "Kremlin Dmitry",
      "Institut Strategi",
      "Ritter",
      "Eropa Timur"
    };
    for (Article a : g.articles(3000, 0.3, 42, Instant.EPOCH, new Corpus.Options(0.2, true))) {
      for (Entity e : t.tag(a, a.language())) {
        for (String w : want) {
          if (e.name().equals(w) && seen.merge(w, 1, Integer::sum) <= 2) {
            Mention m = e.mentions().get(0);
            String text = "title".equals(m.field()) ? a.title() : a.body();
            System.out.println(
                "PROBE "
                    + w
                    + " "
                    + e.type()
                    + " "
                    + a.language()
                    + " ["
                    + m.field()
                    + "] ..."
                    + text.substring(
                            Math.max(0, m.start() - 80), Math.min(text.length(), m.end() + 50))
                        .replace('\n', ' '));
          }
        }
      }
    }
  }
}
