package dev.ingestion.source.fs;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.source.SourceKeys;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder tree. {@code include}/{@code exclude} are globs on the path relative to the root ({@code
 * **}{@code /*.pdf} also matches top-level files); {@code maxFileSize} bounds what is fetched (larger
 * files are dead-lettered as too_large); hidden files and folders (names starting with a dot) are
 * skipped unless {@code includeHidden}.
 */
public record FileSystemSourceConfig(
    Path root, List<String> include, List<String> exclude, long maxFileSize, boolean includeHidden) {

  public static final long DEFAULT_MAX_FILE_SIZE = 100L << 20;
  static final ConfigDef DEF = SourceKeys.define(FileSystemSourceFactory.TYPE, "A folder tree.");
  private static final ConfigKey<String> PATH = DEF.required("path", "the root folder");
  private static final ConfigKey<List<String>> INCLUDE = DEF.strings("include", List.of("**"),
      "globs on the path below the root; **/*.pdf also matches top-level files");
  private static final ConfigKey<List<String>> EXCLUDE = DEF.strings("exclude", List.of(), "globs left out");
  private static final ConfigKey<Long> MAX_FILE_SIZE = DEF.size("max_file_size", DEFAULT_MAX_FILE_SIZE,
      "larger files are dead-lettered as too_large");
  private static final ConfigKey<Boolean> INCLUDE_HIDDEN = DEF.bool("include_hidden", false,
      "read files and folders whose names start with a dot");

  public FileSystemSourceConfig {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  public static FileSystemSourceConfig of(Path root) {
    return new FileSystemSourceConfig(root, INCLUDE.defaultValue(), EXCLUDE.defaultValue(),
        MAX_FILE_SIZE.defaultValue(), INCLUDE_HIDDEN.defaultValue());
  }

  public static FileSystemSourceConfig from(ConfigMap map) {
    DEF.rejectUnknown(map);
    return new FileSystemSourceConfig(Path.of(PATH.read(map)), INCLUDE.read(map), EXCLUDE.read(map),
        MAX_FILE_SIZE.read(map), INCLUDE_HIDDEN.read(map));
  }
}
