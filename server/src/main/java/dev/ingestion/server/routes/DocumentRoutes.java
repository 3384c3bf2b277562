package dev.ingestion.server.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.model.NotFoundException;
import dev.ingestion.ops.metrics.StatsService;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import dev.ingestion.store.AttemptQueries;
import dev.ingestion.store.AttemptQueries.AttemptRow;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.DocumentQueries;
import dev.ingestion.store.DocumentQueries.DocumentDetail;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Documents for troubleshooting: the slowest, the failed, one in full, its chunks; error categories. */
public final class DocumentRoutes implements Routes {
  private static final ObjectMapper METADATA = new ObjectMapper();
  private final DocumentQueries documents;
  private final AttemptQueries attempts;
  private final DeadLetterQueries deadLetters;
  private final StatsService stats;
  private final Clock clock;

  public DocumentRoutes(DocumentQueries documents, AttemptQueries attempts, DeadLetterQueries deadLetters,
      StatsService stats, Clock clock) {
    this.documents = documents;
    this.attempts = attempts;
    this.deadLetters = deadLetters;
    this.stats = stats;
    this.clock = clock;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("documents");
    routes.get("/documents/slow", "Documents whose processing took at least the threshold, and ones processing that long",
        ctx -> {
          long threshold = Params.intParam(ctx, "threshold", 30_000, 0, 86_400_000);
          int limit = Params.intParam(ctx, "limit", 50, 1, 1000);
          var slow = documents.slowest(threshold, limit);
          var stuck = documents.processingSince(clock.instant().minus(Duration.ofMillis(threshold)), limit);
          ctx.json(Map.of("threshold_ms", threshold, "count", slow.size(), "documents", slow,
              "processing_longer_than_threshold", stuck));
        })
        .query("threshold", "integer", "Milliseconds (0-86400000, default 30000)")
        .query("limit", "integer", "At most this many (1-1000, default 50)");
    routes.get("/documents/failed", "Documents whose last attempt failed (retry pending) or that were dead-lettered",
        ctx -> {
          var failed = documents.recentlyFailed(Params.intParam(ctx, "limit", 20, 1, 1000));
          ctx.json(Map.of("count", failed.size(), "documents", failed));
        })
        .query("limit", "integer", "At most this many (1-1000, default 20)");
    routes.get("/documents/{id}", "One document: status, versions, attempts, errors, dead-letter items, jobs",
        ctx -> ctx.json(detail(Params.longPath(ctx, "id"))));
    routes.get("/documents/{id}/chunks", "Chunks of the document's current version (or of ?version=)", ctx -> {
      long id = Params.longPath(ctx, "id");
      DocumentDetail d = find(id);
      int offset = Params.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
      int limit = Params.intParam(ctx, "limit", 100, 1, 1000);
      long versionId = version(ctx, d);
      var chunks = documents.chunks(versionId, offset, limit);
      ctx.json(Map.of("document_id", id, "version_id", versionId, "offset", offset, "count", chunks.size(), "chunks", chunks));
    })
        .query("version", "integer", "A version id of this document (default: the current version)")
        .query("offset", "integer", "First chunk ordinal (default 0)")
        .query("limit", "integer", "At most this many (1-1000, default 100)");
    routes.get("/errors/categories", "Failures per category over the period, with recent examples",
        ctx -> ctx.json(stats.errorCategories(Params.period(ctx, "period", Duration.ofHours(24)),
            Params.intParam(ctx, "examples", 3, 0, 20))))
        .query("period", "string", "Look-back window such as 24h or 7d (default 24h)")
        .query("examples", "integer", "Examples per category (0-20, default 3)");
  }

  private DocumentDetail find(long id) {
    return documents.find(id).orElseThrow(() -> new NotFoundException("no document " + id
        + "; find ids with GET /documents/failed or GET /documents/slow"));
  }

  private long version(io.javalin.http.Context ctx, DocumentDetail d) {
    String raw = ctx.queryParam("version");
    if (raw == null) {
      if (d.currentVersionId() == null) {
        throw new NotFoundException("document " + d.id() + " has no stored version yet (status " + d.status() + ")");
      }
      return d.currentVersionId();
    }
    long v = Params.intParam(ctx, "version", 0, 1, Integer.MAX_VALUE);
    if (!documents.hasVersion(d.id(), v)) {
      throw new NotFoundException("document " + d.id() + " has no version " + v + "; see GET /documents/" + d.id());
    }
    return v;
  }

  private Map<String, Object> detail(long id) {
    DocumentDetail d = find(id);
    List<AttemptRow> recent = attempts.forDocument(id, 20);
    return Map.of("document", d, "source_metadata", sourceMetadata(id), "versions", documents.versions(id, 20),
        "attempts", recent,
        "errors", recent.stream().filter(a -> a.category() != null || "abandoned".equals(a.outcome())).toList(),
        "dead_letters", deadLetters.forDocument(id), "jobs", documents.jobs(id, 5));
  }

  private Map<String, Object> sourceMetadata(long id) {
    String json = documents.sourceMetadata(id).orElse(null);
    if (json == null) {
      return Map.of();
    }
    try {
      return METADATA.readValue(json, new TypeReference<Map<String, Object>>() { });
    } catch (JsonProcessingException e) {
      return Map.of("unreadable", json);
    }
  }
}
