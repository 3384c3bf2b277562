package dev.ingestion.server.routes;

import dev.ingestion.model.FeedCursor;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import dev.ingestion.store.ChangeFeedRepository;
import dev.ingestion.store.FeedChange;
import java.util.LinkedHashMap;
import java.util.Map;

/** The chunk change feed for downstream indexes (see docs/delivery.md). */
public final class ChunkRoutes implements Routes {
  private final ChangeFeedRepository feed;

  public ChunkRoutes(ChangeFeedRepository feed) {
    this.feed = feed;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("chunks");
    routes.get("/chunks/changes", "Chunk upserts and deletes in commit order after a cursor, and the next cursor",
        ctx -> {
          FeedCursor since = FeedCursor.parse(ctx.queryParam("since"));
          ChangeFeedRepository.Page page = feed.read(since, Params.intParam(ctx, "limit", 100, 1, 1000));
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("since", since.toString());
          body.put("next_cursor", page.next().toString());
          body.put("has_more", page.hasMore());
          body.put("count", page.changes().size());
          body.put("changes", page.changes().stream().map(FeedChange::asMap).toList());
          ctx.json(body);
        })
        .query("since", "string", "Cursor: the next_cursor of the previous page (default 0, the start)")
        .query("limit", "integer", "At most this many changes (1-1000, default 100)");
    routes.get("/chunks/stats", "Feed head, current chunks, and embeddings computed versus reused", ctx -> {
      ChangeFeedRepository.Totals t = feed.totals();
      ctx.json(Map.of("head_cursor", Long.toString(t.headSeq()), "current_chunks", t.currentChunks(),
          "current_chunks_with_embedding", t.currentWithEmbedding(), "embeddings_computed", t.embeddingsComputed(),
          "embeddings_reused", t.embeddingsReused()));
    });
  }
}
