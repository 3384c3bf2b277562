package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.embed.Embedders;
import dev.ingestion.search.SearchHit;
import dev.ingestion.search.SearchRequest;
import dev.ingestion.search.SearchService;
import dev.ingestion.store.Database;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ingestion search}: what POST /search answers, in a terminal. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {
        "Search the current chunks of live documents: keyword ranking (SQLite FTS5 / PostgreSQL full text) and, "
            + "when embeddings are on (embeddings.enabled: true), vector similarity, fused by reciprocal rank.",
        "Each result shows the document path, title, heading path, page and a snippet."},
    footer = {"", "Examples:", "  ingestion search \"retry policy\"",
        "  ingestion search -k 3 --source docs --mime-type text/markdown \"dead letter\""})
final class SearchCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "QUERY", arity = "1..*", description = "Words to look for (several are joined).")
  List<String> words;

  @Option(names = {"-k", "--limit"}, paramLabel = "N", defaultValue = "10", description = "How many results (1-100, default 10).")
  int k;

  @Option(names = "--source", paramLabel = "NAME", description = "Only documents of this source.")
  String source;

  @Option(names = "--mime-type", paramLabel = "TYPE", description = "Only documents of this MIME type, e.g. application/pdf.")
  String mimeType;

  @Override
  public Integer call() {
    SearchRequest request = new SearchRequest(String.join(" ", words), k, source, mimeType);
    IngestionConfig cfg = common.load();
    try (Database db = CommonOptions.openExisting(cfg)) {
      SearchService search = SearchService.over(db, Embedders.load(cfg.embeddings()));
      print(System.out, search.search(request), search.vectorsEnabled());
    }
    return 0;
  }

  static void print(PrintStream out, List<SearchHit> hits, boolean hybrid) {
    if (hits.isEmpty()) {
      out.println("no results");
      return;
    }
    out.printf("%d result(s), %s%n", hits.size(), hybrid ? "keyword + vector" : "keyword");
    int n = 1;
    for (SearchHit h : hits) {
      out.printf(Locale.ROOT, "%n%d. %s  [%s]%s%n", n++, h.path(), h.source(), h.title() == null ? "" : "  " + h.title());
      String where = String.join(" > ", h.headingPath()) + (h.page() == null ? "" : "  (page " + h.page() + ")");
      if (!where.isBlank()) {
        out.println("   " + where.trim());
      }
      out.printf(Locale.ROOT, "   chunk %s  score %.4f  by %s%n", h.chunkId(), h.score(), String.join("+", h.matchedBy()));
      out.println("   " + h.snippet());
    }
  }
}
