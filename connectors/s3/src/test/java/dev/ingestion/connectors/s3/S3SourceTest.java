package dev.ingestion.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.SourceAccessDeniedException;
import dev.ingestion.source.CheckResult;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.SourceException;
import dev.ingestion.source.SourceItem;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SlowTest
class S3SourceTest {
  static S3Server server;
  String bucket;

  @BeforeAll
  static void start() throws Exception {
    server = new S3Server();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void freshBucket() {
    bucket = "b-" + UUID.randomUUID().toString().substring(0, 8);
    server.createBucket(bucket);
  }

  private S3Source source(S3SourceConfig config) {
    return new S3Source("s3-test", config);
  }

  private S3SourceConfig config() {
    return server.config(bucket, "docs/");
  }

  static Map<String, SourceItem> list(S3Source source) {
    List<SourceItem> items = new ArrayList<>();
    source.list(new ListingListener() {
      @Override
      public void item(SourceItem item) {
        items.add(item);
      }

      @Override
      public void skipped(String externalId, String reason) {}
    });
    return items.stream().collect(Collectors.toMap(SourceItem::externalId, Function.identity()));
  }

  @Test
  void lists_thousands_of_objects_across_many_pages_below_the_prefix_only() {
    for (int i = 0; i < 2_500; i++) {
      server.put(bucket, "docs/batch-" + (i % 7) + "/doc-" + i + ".txt", "document " + i);
    }
    server.put(bucket, "other/outside.txt", "not below the prefix");
    S3SourceConfig c = config();
    S3SourceConfig smallPages = new S3SourceConfig(c.bucket(), c.prefix(), c.include(), c.exclude(), c.region(),
        c.endpoint(), true, c.accessKey(), c.secretKey(), c.maxFileSize(), 100, c.timeout());

    Map<String, SourceItem> items = list(source(smallPages));

    assertThat(items).hasSize(2_500).containsKey("docs/batch-3/doc-3.txt").doesNotContainKey("other/outside.txt");
    SourceItem item = items.get("docs/batch-0/doc-7.txt");
    assertThat(item.sizeBytes()).isEqualTo("document 7".length());
    assertThat(item.changeMarker()).contains("/" + item.sizeBytes() + "/").contains(item.modifiedAt().toString());
  }

  @Test
  void include_and_exclude_globs_match_the_key_below_the_prefix() {
    server.put(bucket, "docs/a.pdf", "pdf");
    server.put(bucket, "docs/deep/b.pdf", "pdf");
    server.put(bucket, "docs/deep/c.txt", "txt");
    server.put(bucket, "docs/tmp/d.pdf", "pdf");
    server.put(bucket, "docs/folder/", "");
    S3SourceConfig c = config();
    S3SourceConfig pdfs = new S3SourceConfig(c.bucket(), c.prefix(), List.of("**/*.pdf"), List.of("tmp/**"),
        c.region(), c.endpoint(), true, c.accessKey(), c.secretKey(), c.maxFileSize(), 1000, c.timeout());

    assertThat(list(source(pdfs)).keySet()).containsExactlyInAnyOrder("docs/a.pdf", "docs/deep/b.pdf");
  }

  @Test
  void an_updated_object_gets_a_new_marker_and_a_deleted_one_is_no_longer_listed() {
    server.put(bucket, "docs/keep.txt", "same");
    server.put(bucket, "docs/edit.txt", "before");
    server.put(bucket, "docs/gone.txt", "soon gone");
    S3Source source = source(config());
    Map<String, SourceItem> before = list(source);

    server.put(bucket, "docs/edit.txt", "after, and longer");
    server.delete(bucket, "docs/gone.txt");
    Map<String, SourceItem> after = list(source);

    assertThat(after.keySet()).containsExactlyInAnyOrder("docs/keep.txt", "docs/edit.txt");
    assertThat(after.get("docs/keep.txt").changeMarker()).isEqualTo(before.get("docs/keep.txt").changeMarker());
    assertThat(after.get("docs/edit.txt").changeMarker()).isNotEqualTo(before.get("docs/edit.txt").changeMarker());
  }

  @Test
  void fetch_streams_the_object_to_a_temporary_file_that_close_deletes() throws IOException {
    byte[] content = new byte[300_000];
    new java.util.Random(7).nextBytes(content);
    server.put(bucket, "docs/report 2024.bin", content);
    S3Source source = source(config());
    String listedMarker = list(source).get("docs/report 2024.bin").changeMarker();

    Path file;
    try (FetchedContent fetched = source.fetch("docs/report 2024.bin")) {
      file = fetched.localFile().orElseThrow();
      assertThat(file.getFileName().toString()).startsWith("ingestion_");
      assertThat(fetched.fileName()).isEqualTo("report 2024.bin");
      assertThat(fetched.size()).isEqualTo(content.length);
      assertThat(fetched.changeMarker()).isEqualTo(listedMarker);
      try (var in = fetched.open()) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
    }
    assertThat(file).doesNotExist();
  }

  @Test
  void an_object_over_max_file_size_is_refused_as_too_large_without_downloading() throws IOException {
    String key = "docs/big-" + UUID.randomUUID() + ".bin";
    server.put(bucket, key, new byte[20_000]);
    S3SourceConfig c = config();
    S3SourceConfig small = new S3SourceConfig(c.bucket(), c.prefix(), c.include(), c.exclude(), c.region(),
        c.endpoint(), true, c.accessKey(), c.secretKey(), 10_000, 1000, c.timeout());

    assertThatThrownBy(() -> source(small).fetch(key))
        .isInstanceOfSatisfying(DocumentException.class, e -> {
          assertThat(e.category()).isEqualTo(FailureCategory.TOO_LARGE);
          assertThat(e.retryable()).isFalse();
        })
        .hasMessageContaining("max_file_size");
    assertThat(spooledFilesFor(key)).isEmpty();
  }

  @Test
  void an_object_deleted_after_listing_fails_to_fetch_as_not_found() {
    assertThatThrownBy(() -> source(config()).fetch("docs/never-there.txt"))
        .isInstanceOfSatisfying(DocumentException.class, e -> {
          assertThat(e.category()).isEqualTo(FailureCategory.NOT_FOUND);
          assertThat(e.retryable()).isFalse();
        });
  }

  @Test
  void a_failed_download_is_retryable_source_unavailable_and_leaves_no_temporary_file() throws IOException {
    String key = "broken/flaky-" + UUID.randomUUID() + ".txt";
    server.put(bucket, key, "the server will not hand this out");
    S3Source source = source(server.config(bucket, "broken/"));

    assertThatThrownBy(() -> source.fetch(key))
        .isInstanceOfSatisfying(DocumentException.class, e -> {
          assertThat(e.category()).isEqualTo(FailureCategory.SOURCE_UNAVAILABLE);
          assertThat(e.retryable()).isTrue();
        })
        .hasMessageContaining("503");
    assertThat(spooledFilesFor(key)).isEmpty();
  }

  @Test
  void a_wrong_secret_key_fails_the_listing_as_permission_denied_without_revealing_it() {
    S3SourceConfig c = config();
    S3SourceConfig wrong = new S3SourceConfig(c.bucket(), c.prefix(), c.include(), c.exclude(), c.region(),
        c.endpoint(), true, c.accessKey(), "not-the-secret", c.maxFileSize(), 1000, c.timeout());
    S3Source source = source(wrong);

    assertThatThrownBy(() -> list(source))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.PERMISSION_DENIED))
        .message().doesNotContain("not-the-secret");
    CheckResult check = source.check();
    assertThat(check.ok()).isFalse();
    assertThat(check.details()).containsEntry("category", "permission_denied");
  }

  @Test
  void a_key_revoked_after_listing_fails_the_fetch_as_source_access_denied_so_the_source_is_paused() throws IOException {
    String key = "docs/revoked-" + UUID.randomUUID() + ".txt";
    server.put(bucket, key, "readable with the right key only");
    S3SourceConfig c = config();
    S3SourceConfig wrong = new S3SourceConfig(c.bucket(), c.prefix(), c.include(), c.exclude(), c.region(),
        c.endpoint(), true, c.accessKey(), "revoked-secret", c.maxFileSize(), 1000, c.timeout());
    try (S3Source source = source(wrong)) {
      assertThatThrownBy(() -> source.fetch(key))
          .isInstanceOfSatisfying(SourceAccessDeniedException.class, e -> {
            assertThat(e.category()).isEqualTo(FailureCategory.PERMISSION_DENIED);
            assertThat(e.retryable()).isFalse();
          })
          .message().contains("403").doesNotContain("revoked-secret");
    }
    assertThat(spooledFilesFor(key)).isEmpty();
  }

  @Test
  void a_bucket_the_identity_may_not_read_fails_as_permission_denied() {
    server.createBucket("forbidden");
    assertThatThrownBy(() -> list(source(server.config("forbidden", ""))))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.PERMISSION_DENIED));
  }

  @Test
  void a_missing_bucket_fails_the_listing_as_not_found() {
    assertThatThrownBy(() -> list(source(server.config("no-such-bucket", ""))))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.NOT_FOUND))
        .hasMessageContaining("no-such-bucket");
  }

  @Test
  void check_reports_a_reachable_listable_bucket_with_its_latency() {
    server.put(bucket, "docs/x.txt", "x");
    CheckResult check = source(config()).check();
    assertThat(check.ok()).isTrue();
    assertThat(check.latency()).isPositive();
    assertThat(check.details()).containsEntry("bucket", bucket).containsKey("latency_ms");
  }

  @Test
  void config_never_shows_its_credentials() {
    assertThat(config().toString()).doesNotContain(S3Server.SECRET_KEY).doesNotContain(S3Server.ACCESS_KEY);
  }

  private static List<Path> spooledFilesFor(String key) throws IOException {
    String name = key.substring(key.lastIndexOf('/') + 1);
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("ingestion_")
          && p.getFileName().toString().contains(name)).toList();
    }
  }
}
