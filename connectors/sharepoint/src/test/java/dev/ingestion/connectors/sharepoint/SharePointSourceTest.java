package dev.ingestion.connectors.sharepoint;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ingestion.model.DocumentException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.SourceAccessDeniedException;
import dev.ingestion.pipeline.Discovery;
import dev.ingestion.pipeline.DiscoveryResult;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.SourceException;
import dev.ingestion.source.SourceItem;
import dev.ingestion.source.SyncState;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.SourceRepository;
import dev.ingestion.store.SyncRepository;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against WireMock serving Graph-shaped JSON: token endpoint, site, drives, delta pages, content. */
@SlowTest
class SharePointSourceTest {
  static final String SECRET = "client-secret-never-logged";
  static final String DRIVE = "/drives/b!drive1";

  WireMockServer graph;
  String base;

  @BeforeEach
  void start() {
    graph = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    graph.start();
    base = "http://127.0.0.1:" + graph.port();
    graph.stubFor(post(urlEqualTo("/tenant-1/oauth2/v2.0/token"))
        .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"tok-1\"}")));
    graph.stubFor(get(urlEqualTo("/v1.0/sites/contoso.sharepoint.com:/sites/team")).willReturn(okJson("{\"id\":\"site-1\"}")));
    graph.stubFor(get(urlEqualTo("/v1.0/sites/site-1/drives")).willReturn(okJson(
        "{\"value\":[{\"id\":\"b!other\",\"name\":\"Archive\"},{\"id\":\"b!drive1\",\"name\":\"Documents\"}]}")));
  }

  @AfterEach
  void stop() {
    graph.stop();
  }

  SharePointSourceConfig config(String folder, String secret, long maxFileSize) {
    return new SharePointSourceConfig("tenant-1", "client-1", secret, null, null, URI.create(base + "/tenant-1/oauth2/v2.0/token"),
        URI.create(base + "/v1.0"), "https://contoso.sharepoint.com/sites/team", "Documents", folder, maxFileSize,
        Duration.ofSeconds(5), 3, Duration.ofSeconds(5));
  }

  SharePointSource source(String folder) {
    return new SharePointSource("sp", config(folder, SECRET, 1 << 20));
  }

  static String file(String id, String name, String parent, String cTag, long size) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"cTag\":\"" + cTag + "\",\"size\":" + size
        + ",\"lastModifiedDateTime\":\"2026-02-01T10:00:00Z\",\"file\":{\"mimeType\":\"application/pdf\"},"
        + "\"parentReference\":{\"path\":\"/drives/b!drive1/root:" + parent + "\"},"
        + "\"webUrl\":\"https://contoso.sharepoint.com/sites/team/Shared%20Documents" + parent + "/" + name + "\","
        + "\"createdBy\":{\"user\":{\"displayName\":\"Ada Author\"}},"
        + "\"lastModifiedBy\":{\"user\":{\"displayName\":\"Max Editor\"}}}";
  }

  static String folder(String id, String name) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"folder\":{\"childCount\":2},"
        + "\"parentReference\":{\"path\":\"/drives/b!drive1/root:\"}}";
  }

  static String deleted(String id) {
    return "{\"id\":\"" + id + "\",\"deleted\":{\"state\":\"deleted\"}}";
  }

  String page(String next, String delta, String... items) {
    return "{\"value\":[" + String.join(",", items) + "]," + (next != null
        ? "\"@odata.nextLink\":\"" + base + "/v1.0" + DRIVE + "/root/delta?token=" + next + "\"}"
        : "\"@odata.deltaLink\":\"" + base + "/v1.0" + DRIVE + "/root/delta?token=" + delta + "\"}");
  }

  void stubFullEnumeration() {
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/root/delta")).willReturn(okJson(page("p2", null,
        "{\"id\":\"root\",\"root\":{},\"folder\":{}}", folder("f-reports", "Reports"),
        file("item-a", "a.pdf", "/Reports", "c1", 11)))));
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/root/delta?token=p2")).willReturn(okJson(page(null, "d1",
        file("item-b", "b.pdf", "", "c1", 22), file("item-c", "c.pdf", "/Reports/2026", "c1", 33)))));
  }

  static final class Collect implements ListingListener {
    final Map<String, SourceItem> items = new LinkedHashMap<>();
    final List<String> deleted = new ArrayList<>();
    boolean incremental;

    @Override
    public void item(SourceItem item) {
      items.put(item.externalId(), item);
    }

    @Override
    public void skipped(String externalId, String reason) {}

    @Override
    public void incremental() {
      incremental = true;
    }

    @Override
    public void deleted(String externalId) {
      deleted.add(externalId);
    }
  }

  @Test
  void the_first_listing_enumerates_every_delta_page_and_keeps_the_delta_link() {
    stubFullEnumeration();
    Collect listed = new Collect();
    SyncState state = SyncState.inMemory();

    source("").list(listed, state);

    assertThat(listed.items.keySet()).containsExactly("item-a", "item-b", "item-c");
    assertThat(listed.incremental).isFalse();
    assertThat(state.load()).contains(base + "/v1.0" + DRIVE + "/root/delta?token=d1");
    graph.verify(getRequestedFor(urlPathEqualTo("/v1.0" + DRIVE + "/root/delta"))
        .withHeader("Authorization", equalTo("Bearer tok-1")));
    graph.verify(1, postRequestedFor(urlEqualTo("/tenant-1/oauth2/v2.0/token")));
  }

  @Test
  void a_folder_filter_keeps_only_files_in_that_folder_and_below() {
    stubFullEnumeration();
    Collect listed = new Collect();
    source("/Reports/").list(listed, SyncState.inMemory());
    assertThat(listed.items.keySet()).containsExactlyInAnyOrder("item-a", "item-c");
  }

  @Test
  void later_syncs_fetch_only_changes_and_deleted_items_propagate_through_discovery(@TempDir Path dir) {
    stubFullEnumeration();
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/root/delta?token=d1")).willReturn(okJson(page(null, "d2",
        file("item-a", "a.pdf", "/Reports", "c2", 12), deleted("item-b")))));
    Database db = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + dir.resolve("store.db")), Clock.systemUTC());
    try {
      Discovery discovery = new Discovery(new SourceRepository(db), new SyncRepository(db), 3);
      SharePointSource source = source("");

      DiscoveryResult first = discovery.run(source, "test", null);
      DiscoveryResult second = discovery.run(source, "test", null);

      assertThat(first.added()).isEqualTo(3);
      assertThat(second.discovered()).isEqualTo(1);
      assertThat(second.deleted()).isEqualTo(1);
      SourceRepository sources = new SourceRepository(db);
      assertThat(sources.syncState(sources.find("sp").orElseThrow().id())).hasValueSatisfying(
          link -> assertThat(link).endsWith("token=d2"));
    } finally {
      db.close();
    }
  }

  @Test
  void an_expired_delta_link_starts_a_full_resync() {
    stubFullEnumeration();
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/root/delta?token=old"))
        .willReturn(aResponse().withStatus(410).withBody("{\"error\":{\"code\":\"resyncRequired\"}}")));
    SyncState state = SyncState.inMemory();
    state.save(base + "/v1.0" + DRIVE + "/root/delta?token=old");
    Collect listed = new Collect();

    source("").list(listed, state);

    assertThat(listed.incremental).isFalse();
    assertThat(listed.items).hasSize(3);
    assertThat(state.load()).hasValueSatisfying(link -> assertThat(link).endsWith("token=d1"));
  }

  @Test
  void a_throttled_request_waits_for_retry_after_and_then_succeeds() {
    stubFullEnumeration();
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/root/delta?token=p2")).inScenario("throttle")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"error\":{}}"))
        .willSetStateTo("calm"));
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/root/delta?token=p2")).inScenario("throttle")
        .whenScenarioStateIs("calm").willReturn(okJson(page(null, "d1", file("item-b", "b.pdf", "", "c1", 22)))));
    Collect listed = new Collect();
    long start = System.nanoTime();

    source("").list(listed, SyncState.inMemory());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(listed.items.keySet()).containsExactly("item-a", "item-b");
  }

  @Test
  void a_service_that_stays_unavailable_fails_the_listing_as_source_unavailable() {
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/root/delta"))
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));
    assertThatThrownBy(() -> source("").list(new Collect(), SyncState.inMemory()))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.SOURCE_UNAVAILABLE));
    graph.verify(4, getRequestedFor(urlEqualTo("/v1.0" + DRIVE + "/root/delta")));
  }

  @Test
  void a_refused_client_secret_fails_as_permission_denied_without_revealing_it() {
    graph.stubFor(post(urlEqualTo("/tenant-1/oauth2/v2.0/token")).willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret\"}")));
    SharePointSource source = source("");

    assertThatThrownBy(() -> source.list(new Collect(), SyncState.inMemory()))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.PERMISSION_DENIED))
        .hasMessageContaining("invalid_client")
        .message().doesNotContain(SECRET);
    assertThat(source.check().ok()).isFalse();
    assertThat(config("", SECRET, 1).toString()).doesNotContain(SECRET);
  }

  @Test
  void a_fetch_refused_with_403_is_source_access_denied_so_the_source_is_paused() {
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/items/item-a")).willReturn(aResponse().withStatus(403)
        .withBody("{\"error\":{\"code\":\"accessDenied\",\"message\":\"Access denied\"}}")));
    assertThatThrownBy(() -> source("").fetch("item-a"))
        .isInstanceOfSatisfying(SourceAccessDeniedException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.PERMISSION_DENIED))
        .hasMessageContaining("403")
        .message().doesNotContain(SECRET);
  }

  @Test
  void fetch_downloads_the_content_without_the_token_and_hands_on_its_metadata() throws IOException {
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/items/item-a"))
        .willReturn(okJson(file("item-a", "a.pdf", "/Reports", "c1", 11))));
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/items/item-a/content"))
        .willReturn(aResponse().withStatus(302).withHeader("Location", base + "/download/a?sig=xyz")));
    graph.stubFor(get(urlEqualTo("/download/a?sig=xyz")).willReturn(aResponse().withBody("hello world")));

    Path spooled;
    try (FetchedContent content = source("").fetch("item-a")) {
      spooled = content.localFile().orElseThrow();
      assertThat(spooled.getFileName().toString()).startsWith("ingestion_");
      assertThat(new String(content.open().readAllBytes())).isEqualTo("hello world");
      assertThat(content.fileName()).isEqualTo("a.pdf");
      assertThat(content.metadata()).containsEntry("author", "Ada Author").containsEntry("modified_by", "Max Editor")
          .containsEntry("path", "Reports/a.pdf").containsKey("web_url");
    }
    assertThat(spooled).doesNotExist();
    graph.verify(getRequestedFor(urlEqualTo("/download/a?sig=xyz")).withHeader("Authorization", absent()));
  }

  @Test
  void fetch_refuses_a_file_over_max_file_size_and_reports_a_vanished_item_as_not_found() {
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/items/item-big"))
        .willReturn(okJson(file("item-big", "big.pdf", "", "c1", 5_000_000))));
    graph.stubFor(get(urlEqualTo("/v1.0" + DRIVE + "/items/item-gone"))
        .willReturn(aResponse().withStatus(404).withBody("{\"error\":{\"code\":\"itemNotFound\"}}")));

    assertThatThrownBy(() -> source("").fetch("item-big")).isInstanceOfSatisfying(DocumentException.class,
        e -> assertThat(e.category()).isEqualTo(FailureCategory.TOO_LARGE));
    assertThatThrownBy(() -> source("").fetch("item-gone")).isInstanceOfSatisfying(DocumentException.class, e -> {
      assertThat(e.category()).isEqualTo(FailureCategory.NOT_FOUND);
      assertThat(e.retryable()).isFalse();
    });
    graph.verify(0, getRequestedFor(urlEqualTo("/v1.0" + DRIVE + "/items/item-big/content")));
  }
}
