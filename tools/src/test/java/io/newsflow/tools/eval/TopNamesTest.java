package io.newsflow.tools.eval;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TopNamesTest {
  @Test
  void shouldPrint() throws Exception {
    int n = Integer.getInteger("newsflow.topnames.articles", 2000);
    TopNames top = TopNames.of(Path.of("..", "seeds"), n, 42);
    System.out.println(top.report(Integer.getInteger("newsflow.topnames.limit", 30)));
  }
}
