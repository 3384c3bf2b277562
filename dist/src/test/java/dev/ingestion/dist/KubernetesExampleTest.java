package dev.ingestion.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes/ingestion.yaml, as shipped in the tarball: an API Deployment, a worker Deployment of several
 * replicas, both running the image's entrypoint as a non-root user, the PostgreSQL connection taken from a
 * Secret into a configuration the real loader accepts.
 */
@ProcessTest
class KubernetesExampleTest {
  static final List<JsonNode> DOCS = new ArrayList<>();

  @BeforeAll
  static void read() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (YAMLParser parser = new YAMLFactory().createParser(Unpacked.get().resolve("deploy/kubernetes/ingestion.yaml")
        .toFile())) {
      yaml.readValues(parser, JsonNode.class).forEachRemaining(d -> {
        if (d != null && !d.isEmpty()) {
          DOCS.add(d);
        }
      });
    }
  }

  private static JsonNode find(String kind, String name) {
    return DOCS.stream().filter(d -> d.path("kind").asText().equals(kind))
        .filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + DOCS));
  }

  @Test
  void an_api_deployment_and_a_worker_deployment_of_several_replicas_run_the_image_as_non_root() {
    for (String name : List.of("ingestion-api", "ingestion-worker")) {
      JsonNode spec = find("Deployment", name).path("spec");
      JsonNode pod = spec.path("template").path("spec");
      JsonNode container = pod.path("containers").get(0);
      String command = name.substring("ingestion-".length());
      assertThat(container.path("args").get(0).asText()).as(name).isEqualTo(command);
      assertThat(container.path("command").isMissingNode()).as("the image's entrypoint, ingestion").isTrue();
      assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
      assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
      List<String> secretKeys = new ArrayList<>();
      for (JsonNode env : container.path("env")) {
        JsonNode ref = env.path("valueFrom").path("secretKeyRef");
        if (!ref.isMissingNode()) {
          assertThat(ref.path("name").asText()).isEqualTo("ingestion-database");
          secretKeys.add(ref.path("key").asText());
        }
      }
      assertThat(secretKeys).as(name).containsExactlyInAnyOrder("url", "user", "password");
    }
    assertThat(find("Deployment", "ingestion-worker").path("spec").path("replicas").asInt()).isGreaterThan(1);
    assertThat(find("Service", "ingestion-api").path("spec").path("selector").path("component").asText())
        .isEqualTo("api");
  }

  @Test
  void the_configuration_takes_the_postgresql_connection_from_the_secret(@TempDir Path dir) throws IOException {
    JsonNode secret = find("Secret", "ingestion-database").path("stringData");
    Map<String, String> env = new HashMap<>();
    for (JsonNode e : find("Deployment", "ingestion-worker").path("spec").path("template").path("spec")
        .path("containers").get(0).path("env")) {
      JsonNode ref = e.path("valueFrom").path("secretKeyRef");
      env.put(e.path("name").asText(), ref.isMissingNode() ? e.path("value").asText()
          : secret.path(ref.path("key").asText()).asText());
    }
    Path file = dir.resolve("ingestion.yml");
    Files.writeString(file, find("ConfigMap", "ingestion-config").path("data").path("ingestion.yml").asText());
    IngestionConfig config = new ConfigLoader(env).load(file, true);
    assertThat(config.database().url()).isEqualTo(secret.path("url").asText()).startsWith("jdbc:postgresql:");
    assertThat(config.database().user()).isEqualTo(secret.path("user").asText());
    assertThat(config.database().password()).isEqualTo(secret.path("password").asText());
    assertThat(config.server().bind()).as("reachable from the Service").isEqualTo("0.0.0.0");
  }
}
