package dev.ingestion.source.fs;

import dev.ingestion.config.ConfigMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A folder tree. {@code include}/{@code exclude} are globs on the path relative to the root ({@code
 * **}{@code /*.pdf} also matches top-level files); {@code maxFileSize} bounds what is fetched (larger
 * files are dead-lettered as too_large); hidden files and folders (names starting with a dot) are
 * skipped unless {@code includeHidden}.
 */
public record FileSystemSourceConfig(
    Path root, List<String> include, List<String> exclude, long maxFileSize, boolean includeHidden) {

  public static final long DEFAULT_MAX_FILE_SIZE = 100L << 20;
  static final Set<String> KEYS =
      Set.of("name", "type", "path", "include", "exclude", "max_file_size", "include_hidden", "schedule");

  public FileSystemSourceConfig {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  public static FileSystemSourceConfig of(Path root) {
    return new FileSystemSourceConfig(root, List.of("**"), List.of(), DEFAULT_MAX_FILE_SIZE, false);
  }

  public static FileSystemSourceConfig from(ConfigMap map) {
    map.rejectUnknown(KEYS);
    return new FileSystemSourceConfig(
        Path.of(map.requiredString("path")),
        map.strings("include", List.of("**")),
        map.strings("exclude", List.of()),
        map.bytes("max_file_size", DEFAULT_MAX_FILE_SIZE),
        map.bool("include_hidden", false));
  }
}
