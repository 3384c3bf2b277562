package dev.ingestion.source.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.SourceException;
import dev.ingestion.source.SourceItem;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FastTest
class FileSystemSourceTest {
  @TempDir Path dir;

  private static final class Collect implements ListingListener {
    final List<String> items = new ArrayList<>();
    final Map<String, String> skipped = new TreeMap<>();

    @Override
    public void item(SourceItem item) {
      items.add(item.externalId());
    }

    @Override
    public void skipped(String externalId, String reason) {
      skipped.put(externalId, reason);
    }
  }

  private Path root() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.writeString(root.resolve("a.pdf"), "x");
    Files.createDirectories(root.resolve("sub/deeper"));
    Files.writeString(root.resolve("sub/b.txt"), "x");
    Files.writeString(root.resolve("sub/deeper/c.pdf"), "x");
    Files.createDirectories(root.resolve(".git"));
    Files.writeString(root.resolve(".git/config"), "x");
    Files.writeString(root.resolve(".hidden"), "x");
    return root;
  }

  private Collect list(FileSystemSourceConfig config) {
    Collect c = new Collect();
    new FileSystemSource("t", config).list(c);
    c.items.sort(String::compareTo);
    return c;
  }

  @Test
  void lists_every_regular_file_with_relative_ids_and_skips_hidden_ones() throws IOException {
    assertThat(list(FileSystemSourceConfig.of(root())).items).containsExactly("a.pdf", "sub/b.txt", "sub/deeper/c.pdf");
  }

  @Test
  void include_globs_match_top_level_files_too() throws IOException {
    var cfg = new FileSystemSourceConfig(root(), List.of("**/*.pdf"), List.of(), 1 << 20, false);
    assertThat(list(cfg).items).containsExactly("a.pdf", "sub/deeper/c.pdf");
  }

  @Test
  void exclude_globs_win_over_include() throws IOException {
    var cfg = new FileSystemSourceConfig(root(), List.of("**"), List.of("sub/deeper/**"), 1 << 20, false);
    assertThat(list(cfg).items).containsExactly("a.pdf", "sub/b.txt");
  }

  @Test
  void a_symlink_out_of_the_root_is_skipped_with_a_reason() throws IOException {
    Path root = root();
    Path secret = Files.writeString(dir.resolve("secret.txt"), "do not read");
    Files.createSymbolicLink(root.resolve("escape.txt"), secret);
    Files.createSymbolicLink(root.resolve("inside.txt"), root.resolve("a.pdf"));
    Collect c = list(FileSystemSourceConfig.of(root));
    assertThat(c.items).contains("inside.txt").doesNotContain("escape.txt");
    assertThat(c.skipped).containsEntry("escape.txt", "symbolic link points outside the source folder");
  }

  @Test
  void fetch_refuses_paths_that_leave_the_root() throws IOException {
    Path root = root();
    Files.writeString(dir.resolve("outside.txt"), "x");
    FileSystemSource source = new FileSystemSource("t", FileSystemSourceConfig.of(root));
    assertThatThrownBy(() -> source.fetch("../outside.txt"))
        .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.category()).isEqualTo(FailureCategory.PERMISSION_DENIED));
  }

  @Test
  void fetch_of_a_file_over_the_size_limit_is_too_large() throws IOException {
    Path root = root();
    Files.write(root.resolve("big.bin"), new byte[2048]);
    var cfg = new FileSystemSourceConfig(root, List.of("**"), List.of(), 1024, false);
    assertThatThrownBy(() -> new FileSystemSource("t", cfg).fetch("big.bin"))
        .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.category()).isEqualTo(FailureCategory.TOO_LARGE))
        .hasMessageContaining("max_file_size");
  }

  @Test
  void fetch_of_a_vanished_file_is_not_found() throws IOException {
    FileSystemSource source = new FileSystemSource("t", FileSystemSourceConfig.of(root()));
    assertThatThrownBy(() -> source.fetch("gone.txt"))
        .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.category()).isEqualTo(FailureCategory.NOT_FOUND));
  }

  @Test
  void listing_a_missing_folder_fails_as_not_found() {
    FileSystemSource source = new FileSystemSource("t", FileSystemSourceConfig.of(dir.resolve("nope")));
    assertThatThrownBy(() -> source.list(new Collect()))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.category()).isEqualTo(FailureCategory.NOT_FOUND));
    assertThat(source.check().ok()).isFalse();
  }
}
