package dev.ingestion.cli.config;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import java.util.List;

/**
 * docs/configuration.md, written from the declared sections ({@link ConfigLoader#ROOT}): every key with its
 * type, default and meaning. A test compares the file with this text, so the reference cannot drift.
 */
public final class ConfigReference {
  private ConfigReference() {}

  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Configuration reference\n\n")
        .append("Every key of `ingestion.yml`, written from the declarations in the code (`ConfigDef`); ")
        .append("`ConfigReferenceTest` fails when this file and the declarations differ (the test writes the ")
        .append("expected text to `cli/target/configuration.md`). `ingestion.example.yml` is an annotated tour of ")
        .append("the common keys.\n\n")
        .append("Every key is optional unless its type says *required*. Durations: a number of seconds, or ")
        .append("`500ms`, `30s`, `10m`, `2h`, `7d`. Sizes: bytes, or `500KB`, `100MB`, `2GB` (powers of 1024). ")
        .append("Percentages: `5` or `5%`. Any value may be `${ENV_VAR}`, `${ENV_VAR:-default}` or ")
        .append("`${file:/run/secrets/name}`. An unknown key is an error that names the closest known one, and ")
        .append("all problems of a file are reported together.\n");
    for (ConfigDef.Subsection s : ConfigLoader.ROOT.subsections()) {
      subsection(out, s);
    }
    return out.toString();
  }

  private static void subsection(StringBuilder out, ConfigDef.Subsection s) {
    if (s.list() && s.kinds().size() > 1) {
      out.append("\n## `").append(s.name()).append("`\n\n").append(s.description()).append('\n');
    }
    for (ConfigDef kind : s.kinds()) {
      section(out, kind, s.list());
    }
  }

  private static void section(StringBuilder out, ConfigDef def, boolean listItem) {
    out.append("\n## `").append(def.path()).append("`\n\n");
    if (!def.description().isEmpty()) {
      out.append(def.description()).append(listItem ? " An item of a list." : "").append("\n\n");
    }
    List<ConfigKey<?>> keys = def.keys();
    if (!keys.isEmpty()) {
      out.append("| key | type | default | meaning |\n|---|---|---|---|\n");
      for (ConfigKey<?> k : keys) {
        out.append("| `").append(k.name()).append("` | ").append(cell(k.type())).append(" | ")
            .append(k.defaultText().isEmpty() ? "" : "`" + cell(k.defaultText()) + "`").append(" | ")
            .append(cell(k.description())).append(" |\n");
      }
    }
    List<String> nested = def.subsections().stream().map(ConfigDef.Subsection::name).toList();
    if (!nested.isEmpty()) {
      out.append(keys.isEmpty() ? "" : "\n").append("Sections: ")
          .append(String.join(", ", nested.stream().map(n -> "`" + n + "`").toList())).append(".\n");
    }
    for (ConfigDef.Subsection s : def.subsections()) {
      subsection(out, s);
    }
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
