package dev.ingestion.server.routes;

import dev.ingestion.search.SearchHit;
import dev.ingestion.search.SearchRequest;
import dev.ingestion.search.SearchService;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import java.util.List;
import java.util.Map;

/** Search over the current chunks of live documents: keyword, plus vectors when embeddings are on. */
public final class SearchRoutes implements Routes {
  private final SearchService search;

  public SearchRoutes(SearchService search) {
    this.search = search;
  }

  /** The JSON body of POST /search. */
  public record SearchBody(String query, Integer k, Filters filters) {}

  /** Optional filters of POST /search. */
  public record Filters(String source, String mimeType) {}

  @Override
  public void register(RouteTable routes) {
    routes.tag("search");
    routes.post("/search", "Keyword (and vector, when embeddings are on) search over current chunks, fused by rank",
        ctx -> {
          SearchBody body = Params.body(ctx, SearchBody.class, null);
          Filters f = body.filters() == null ? new Filters(null, null) : body.filters();
          SearchRequest request = new SearchRequest(body.query(), body.k() == null ? 10 : body.k(), f.source(),
              f.mimeType());
          List<SearchHit> hits = search.search(request);
          ctx.json(Map.of("query", request.query(), "mode", search.vectorsEnabled() ? "hybrid" : "keyword",
              "count", hits.size(), "results", hits));
        })
        .body(SearchBody.class, true, "Free text to look for (required, at most 1000 characters)",
            "How many results (1-100, default 10)", "Optional: {\"source\": NAME, \"mime_type\": TYPE}");
  }
}
