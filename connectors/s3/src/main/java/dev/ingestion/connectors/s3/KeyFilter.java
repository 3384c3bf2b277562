package dev.ingestion.connectors.s3;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Include/exclude globs on the part of a key below the prefix, with the same meaning as for folders:
 * {@code **}{@code /*.pdf} also matches a PDF directly under the prefix.
 */
final class KeyFilter {
  private final List<PathMatcher> includes;
  private final List<PathMatcher> excludes;

  KeyFilter(List<String> include, List<String> exclude) {
    this.includes = matchers(include);
    this.excludes = matchers(exclude);
  }

  private static List<PathMatcher> matchers(List<String> globs) {
    return globs.stream()
        .flatMap(g -> g.startsWith("**/") ? java.util.stream.Stream.of(g, g.substring(3)) : java.util.stream.Stream.of(g))
        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
        .toList();
  }

  boolean wanted(String relativeKey) {
    Path rel;
    try {
      rel = Path.of(relativeKey);
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
    return includes.stream().anyMatch(m -> m.matches(rel)) && excludes.stream().noneMatch(m -> m.matches(rel));
  }
}
