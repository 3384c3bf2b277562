package dev.ingestion.cli.config;

import dev.ingestion.testkit.tags.FastTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The reference docs and the example file follow the declared configuration keys. */
@FastTest
class ConfigReferenceTest {
  private static final Path EXAMPLE = Path.of("..", "ingestion.example.yml");
  private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");
  /** Sections the example fills with sample values rather than defaults. */
  private static final Set<String> SAMPLES = Set.of("sources", "sinks");
  private static final Pattern COMMENTED_KEY = Pattern.compile("^\\s{0,12}#\\s*(?:-\\s+)?([a-z_]+):.*$");

  @Test
  void docs_configuration_md_is_the_reference_written_from_the_declarations() throws IOException {
    String expected = ConfigReference.markdown();
    Path written = Path.of("target", "configuration.md");
    Files.createDirectories(written.getParent());
    Files.writeString(written, expected);
    assertThat(Files.readString(REFERENCE))
        .as("docs/configuration.md differs from the declarations; copy cli/target/configuration.md over it")
        .isEqualTo(expected);
  }

  @Test
  void the_example_file_uses_declared_keys_and_shows_their_defaults() throws IOException {
    Map<String, Object> tree = yaml(Files.readString(EXAMPLE));
    List<String> problems = new ArrayList<>();
    walk(ConfigLoader.ROOT, "", tree, problems, false);
    assertThat(problems).as("ingestion.example.yml against the declarations").isEmpty();
  }

  @Test
  void keys_commented_out_in_the_example_are_declared_keys() throws IOException {
    Set<String> declared = new HashSet<>();
    names(ConfigLoader.ROOT, declared);
    List<String> unknown = new ArrayList<>();
    for (String line : Files.readAllLines(EXAMPLE)) {
      Matcher m = COMMENTED_KEY.matcher(line);
      if (m.matches() && !declared.contains(m.group(1))) {
        unknown.add(line.trim());
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void a_key_nobody_declared_is_caught_by_the_example_check() {
    List<String> problems = new ArrayList<>();
    walk(ConfigLoader.ROOT, "", Map.of("pipeline", Map.of("chunk_size", 999, "chunk_sise", 5)), problems, false);
    assertThat(problems).containsExactlyInAnyOrder(
        "pipeline.chunk_size: the example shows 999, the declared default is 1000",
        "pipeline.chunk_sise: not declared");
  }

  private static void walk(ConfigDef def, String path, Map<String, Object> section, List<String> problems,
      boolean samples) {
    for (Map.Entry<String, Object> e : section.entrySet()) {
      String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      ConfigKey<?> key = def.keys().stream().filter(k -> k.name().equals(e.getKey())).findFirst().orElse(null);
      ConfigDef.Subsection sub = def.subsections().stream().filter(s -> s.name().equals(e.getKey())).findFirst()
          .orElse(null);
      if (key == null && sub == null) {
        problems.add(field + ": not declared");
      } else if (key != null && !samples && !key.computedDefault() && e.getValue() != null) {
        Object shown = key.read(new ConfigMap(path, Map.of(e.getKey(), e.getValue())));
        if (!same(shown, key.defaultValue())) {
          problems.add(field + ": the example shows " + e.getValue() + ", the declared default is " + key.defaultText());
        }
      } else if (sub != null && e.getValue() != null) {
        walkSubsection(sub, field, e.getValue(), problems, samples || SAMPLES.contains(field));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void walkSubsection(ConfigDef.Subsection sub, String field, Object value, List<String> problems,
      boolean samples) {
    if (!sub.list()) {
      walk(sub.kinds().get(0), field, (Map<String, Object>) value, problems, samples);
      return;
    }
    List<Object> items = (List<Object>) value;
    for (int i = 0; i < items.size(); i++) {
      Map<String, Object> item = (Map<String, Object>) items.get(i);
      ConfigDef kind = sub.kinds().size() == 1 ? sub.kinds().get(0) : sub.kinds().stream()
          .filter(k -> k.path().endsWith("type: " + item.get("type"))).findFirst().orElse(null);
      if (kind == null) {
        problems.add(field + "[" + i + "].type: no such type declared: " + item.get("type"));
      } else {
        walk(kind, field + "[" + i + "]", item, problems, true);
      }
    }
  }

  /** Equal values; a path such as {@code ./logs} shows {@code logs}. */
  private static boolean same(Object shown, Object declared) {
    if (shown instanceof String a && declared instanceof String b) {
      return Objects.equals(Path.of(a).normalize(), Path.of(b).normalize());
    }
    return Objects.equals(shown, declared);
  }

  private static void names(ConfigDef def, Set<String> out) {
    out.addAll(def.names());
    def.subsections().forEach(s -> s.kinds().forEach(k -> names(k, out)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) throws IOException {
    return new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
  }
}
