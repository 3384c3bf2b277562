package dev.ingestion.connectors.sharepoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.model.DocumentException;
import dev.ingestion.model.SourceAccessDeniedException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Stage;
import dev.ingestion.source.CheckResult;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceException;
import dev.ingestion.source.SourceItem;
import dev.ingestion.source.SyncState;
import dev.ingestion.temp.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files of a SharePoint Online document library, synced with the drive {@code delta} API. The first
 * listing enumerates the library and ends with a delta link, stored as the source's sync state; later
 * listings ask only for changes since then, report deleted items, and are incremental. An expired
 * delta link (HTTP 410) starts a full enumeration again. External ids are drive item ids, stable
 * across renames and moves.
 */
public final class SharePointSource implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(SharePointSource.class);

  private final String name;
  private final SharePointSourceConfig config;
  private final GraphClient graph;
  private volatile String driveId;

  public SharePointSource(String name, SharePointSourceConfig config) {
    this.name = name;
    this.config = config;
    this.graph = new GraphClient(config);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return SharePointSourceFactory.TYPE;
  }

  @Override
  public String location() {
    return config.site() + (config.drive() == null ? "" : " drive " + config.drive())
        + (config.folder().isEmpty() ? "" : " /" + config.folder());
  }

  @Override
  public void list(ListingListener listener) {
    list(listener, SyncState.inMemory());
  }

  @Override
  public void list(ListingListener listener, SyncState state) {
    try {
      String drive = drive();
      String deltaLink = state.load().orElse(null);
      if (deltaLink != null) {
        try {
          state.save(walk(graph.get(deltaLink), listener, true));
          return;
        } catch (GraphException e) {
          if (e.status() != 410) {
            throw e;
          }
          LOG.info("source '{}': the delta link expired (HTTP 410); listing the whole library again", name);
        }
      }
      state.save(walk(graph.get("/drives/" + drive + "/root/delta"), listener, false));
    } catch (GraphException e) {
      throw new SourceException(e.category(), "source '" + name + "': cannot list " + location() + ": "
          + e.getMessage(), e);
    }
  }

  /** Follows @odata.nextLink pages and returns the final @odata.deltaLink. */
  private String walk(JsonNode page, ListingListener listener, boolean incremental) {
    if (incremental) {
      listener.incremental();
    }
    while (true) {
      for (JsonNode item : page.path("value")) {
        offer(item, listener, incremental);
      }
      if (page.hasNonNull("@odata.nextLink")) {
        page = graph.get(page.get("@odata.nextLink").asText());
      } else if (page.hasNonNull("@odata.deltaLink")) {
        return page.get("@odata.deltaLink").asText();
      } else {
        throw new GraphException(0, FailureCategory.SOURCE_UNAVAILABLE,
            "a delta page had neither @odata.nextLink nor @odata.deltaLink", null);
      }
    }
  }

  private void offer(JsonNode item, ListingListener listener, boolean incremental) {
    String id = item.path("id").asText();
    if (item.has("deleted")) {
      listener.deleted(id);
      return;
    }
    if (!item.has("file")) {
      return; // folders, the root, notebooks: not documents
    }
    if (!inFolder(item)) {
      if (incremental) {
        listener.deleted(id); // moved out of the configured folder
      }
      return;
    }
    Instant modified = instant(item.path("lastModifiedDateTime").asText(null));
    long size = item.path("size").asLong();
    listener.item(new SourceItem(id, marker(item), size, modified));
  }

  private boolean inFolder(JsonNode item) {
    if (config.folder().isEmpty()) {
      return true;
    }
    String parent = DriveItems.path(item.path("parentReference").path("path").asText(""));
    return parent.equals(config.folder()) || parent.startsWith(config.folder() + "/");
  }

  static String marker(JsonNode item) {
    String tag = item.hasNonNull("cTag") ? item.get("cTag").asText() : item.path("eTag").asText();
    return tag + "/" + item.path("size").asLong() + "/" + item.path("lastModifiedDateTime").asText();
  }

  private static Instant instant(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }

  /** Resolves site and drive once: ids are used as given, URLs and library names are looked up. */
  private String drive() {
    if (driveId != null) {
      return driveId;
    }
    String site = siteId();
    if (config.drive() == null) {
      driveId = graph.get("/sites/" + site + "/drive").path("id").asText();
    } else if (config.drive().startsWith("b!")) {
      driveId = config.drive();
    } else {
      for (JsonNode d : graph.get("/sites/" + site + "/drives").path("value")) {
        if (d.path("name").asText().equalsIgnoreCase(config.drive()) || d.path("id").asText().equals(config.drive())) {
          driveId = d.path("id").asText();
        }
      }
      if (driveId == null) {
        throw new GraphException(404, FailureCategory.NOT_FOUND,
            "site " + config.site() + " has no document library named '" + config.drive() + "'", null);
      }
    }
    return driveId;
  }

  private String siteId() {
    if (!config.site().startsWith("http")) {
      return config.site();
    }
    URI url = URI.create(config.site());
    String path = url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/") ? "" : ":" + url.getPath();
    return graph.get("/sites/" + url.getHost() + path).path("id").asText();
  }

  @Override
  public FetchedContent fetch(String externalId) {
    Path file = null;
    try {
      String base = "/drives/" + drive() + "/items/" + GraphClient.encode(externalId);
      JsonNode item = graph.get(base);
      if (item.has("deleted") || !item.has("file")) {
        throw new DocumentException(Stage.FETCH, FailureCategory.NOT_FOUND, externalId + " is no longer a file");
      }
      long size = item.path("size").asLong();
      if (size > config.maxFileSize()) {
        throw new DocumentException(Stage.FETCH, FailureCategory.TOO_LARGE, String.format(
            "%s (%s) is %,d bytes, over this source's max_file_size of %,d bytes; raise max_file_size to ingest it",
            item.path("name").asText(), externalId, size, config.maxFileSize()));
      }
      file = TempFiles.createFile("sharepoint", "_" + item.path("name").asText().replaceAll("[^A-Za-z0-9._-]", "_"));
      long copied = download(graph.content(base + "/content"), file);
      return new DownloadedItem(file, copied, item.path("name").asText(), marker(item), DriveItems.metadata(item));
    } catch (GraphException e) {
      deleteQuietly(file);
      if (e.category() == FailureCategory.PERMISSION_DENIED) {
        throw new SourceAccessDeniedException("cannot fetch " + externalId + ": " + e.getMessage(), e);
      }
      throw new DocumentException(Stage.FETCH, e.category(), e.retryable(), "cannot fetch " + externalId + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      deleteQuietly(file);
      throw new DocumentException(Stage.FETCH, FailureCategory.SOURCE_UNAVAILABLE,
          "download of " + externalId + " broke off: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(file);
      throw e;
    }
  }

  private long download(InputStream content, Path file) throws IOException {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = content; OutputStream out = Files.newOutputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > config.maxFileSize()) {
          throw new DocumentException(Stage.FETCH, FailureCategory.TOO_LARGE,
              "the download grew past this source's max_file_size of " + config.maxFileSize() + " bytes");
        }
        out.write(buffer, 0, n);
      }
    }
    return total;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        file.toFile().deleteOnExit();
      }
    }
  }

  @Override
  public CheckResult check() {
    long start = System.nanoTime();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("site", config.site());
    try {
      String drive = drive();
      graph.get("/drives/" + drive + "/root/children?$top=1");
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      details.put("drive", drive);
      details.put("latency_ms", latency.toMillis());
      return new CheckResult(true, latency, "token issued; library reachable and listable", details);
    } catch (GraphException e) {
      details.put("category", e.category().dbValue());
      return new CheckResult(false, Duration.ofNanos(System.nanoTime() - start), e.getMessage(), details);
    }
  }
}
