package io.newsflow.app.system;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * Whether the system tests can run here. On a machine without Docker they are skipped with a
 * message; in CI ({@code CI=true}, set by {@code .ci/run}, which installs and starts Docker and
 * builds the images) a missing Docker or image fails the build instead, so that a broken setup
 * cannot pass as a skipped test.
 */
final class DockerImages {
  static final String APP = System.getProperty("newsflow.image.app", "newsflow/app:latest");
  static final String KAFKA = System.getProperty("newsflow.image.kafka", "newsflow/kafka:4.3.1");

  private DockerImages() {}

  static boolean ci() {
    return "true".equals(String.valueOf(System.getenv("CI")).toLowerCase(Locale.ROOT));
  }

  /** Returns when Docker runs and every image is present; else skips, or fails in CI. */
  static void require(String... images) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      unavailable("no Docker daemon reachable (install docker.io and start dockerd)");
    }
    List<String> missing = new ArrayList<>();
    for (String image : images) {
      try {
        DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      } catch (NotFoundException e) {
        missing.add(image);
      }
    }
    if (!missing.isEmpty()) {
      unavailable(
          "images "
              + missing
              + " are not built (run deploy/docker/build.sh; nothing is pulled from a registry)");
    }
  }

  private static void unavailable(String why) {
    if (ci()) {
      fail("CI=true but the system test cannot run: " + why);
    }
    Assumptions.abort("system test skipped: " + why);
  }
}
