package dev.ingestion.search;

import dev.ingestion.embed.Embedder;
import dev.ingestion.embed.Vectors;
import dev.ingestion.model.ChunkId;
import dev.ingestion.model.InvalidInputException;
import dev.ingestion.sink.SinkRunner;
import dev.ingestion.store.ChangeFeedRepository;
import dev.ingestion.store.Database;
import dev.ingestion.store.SinkStateRepository;
import dev.ingestion.store.SearchRepository;
import dev.ingestion.store.SearchRepository.Filters;
import dev.ingestion.store.SearchRepository.Hit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hybrid search over current chunks: the keyword ranking and, when embeddings are on, the vector
 * ranking (cosine similarity to the embedded query), fused by reciprocal rank fusion: a chunk scores
 * the sum of 1 / (60 + rank) over the rankings that found it.
 */
public final class SearchService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);
  static final int RRF_K = 60;
  static final int MIN_CANDIDATES = 100;

  private final SearchRepository repository;
  private final Embedder embedder;
  private final VectorIndex index;
  private final SinkRunner indexing;
  private final ChangeFeedRepository feed;
  private long indexedHead = -1;

  /** Vector ranking by scanning every stored vector of the current chunks. */
  public SearchService(SearchRepository repository, Optional<Embedder> embedder) {
    this(repository, embedder, null, null);
  }

  /**
   * Vector ranking from {@code index} (when present), brought up to date from the change feed before each
   * search; by scanning when it is absent or cannot be used.
   */
  public SearchService(SearchRepository repository, Optional<Embedder> embedder, Database db,
      Optional<VectorIndex> index) {
    this.repository = repository;
    this.embedder = embedder.orElse(null);
    this.index = this.embedder == null || index == null ? null : index.orElse(null);
    this.feed = this.index == null ? null : new ChangeFeedRepository(db);
    this.indexing = this.index == null ? null : new SinkRunner(this.index, feed, new SinkStateRepository(db));
  }

  /** With embeddings on and a SQLite file, the HNSW index beside it ({@link VectorIndex#beside}). */
  public static SearchService over(Database db, Optional<Embedder> embedder) {
    return new SearchService(new SearchRepository(db), embedder, db,
        embedder.isPresent() ? VectorIndex.beside(db) : Optional.empty());
  }

  /** Closes the HNSW index, if any (its writes are committed batch by batch already). */
  @Override
  public void close() {
    if (index != null) {
      index.close();
    }
  }

  /** True when vector rankings come from the HNSW index rather than a scan. */
  public boolean indexed() {
    return index != null;
  }

  public boolean vectorsEnabled() {
    return embedder != null;
  }

  public List<SearchHit> search(SearchRequest request) {
    List<String> terms = terms(request.query());
    Filters filters = new Filters(request.source(), request.mimeType());
    int depth = Math.max(30, request.k() * 3);
    Map<String, List<Long>> rankings = new LinkedHashMap<>();
    if (!terms.isEmpty()) {
      rankings.put("keyword", repository.keyword(terms, filters, depth));
    }
    if (embedder != null) {
      rankings.put("vector", nearest(request.query(), filters, depth));
    }
    if (rankings.isEmpty()) {
      throw new InvalidInputException("query has no words to search for (letters or digits), got '" + request.query() + "'");
    }
    return fuse(rankings, request.k(), terms);
  }

  private List<SearchHit> fuse(Map<String, List<Long>> rankings, int k, List<String> terms) {
    Map<Long, Double> scores = new HashMap<>();
    Map<Long, List<String>> matched = new HashMap<>();
    rankings.forEach((name, ids) -> {
      for (int rank = 0; rank < ids.size(); rank++) {
        scores.merge(ids.get(rank), 1.0 / (RRF_K + rank + 1), Double::sum);
        matched.computeIfAbsent(ids.get(rank), x -> new ArrayList<>()).add(name);
      }
    });
    List<Long> top = scores.entrySet().stream()
        .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(k).map(Map.Entry::getKey).toList();
    Map<Long, Hit> hits = repository.hits(top);
    List<SearchHit> out = new ArrayList<>();
    for (long id : top) {
      Hit h = hits.get(id);
      if (h != null) {
        out.add(new SearchHit(h.id(), h.documentId(), h.source(), h.path(), h.title(), h.mimeType(), h.headingPath(),
            h.page(), Snippets.around(h.text(), terms), Math.round(scores.get(id) * 1e6) / 1e6, matched.get(id)));
      }
    }
    return out;
  }

  private List<Long> nearest(String query, Filters filters, int depth) {
    return nearest(embedder.embed(List.of(query)).get(0), filters, depth);
  }

  /**
   * The row ids of the {@code depth} chunks nearest to {@code q}: from the HNSW index when there is one
   * (brought up to date first; it explores at least {@value #MIN_CANDIDATES} candidates so the top of
   * the list matches an exact scan), else by scanning.
   */
  public List<Long> nearest(float[] q, Filters filters, int depth) {
    if (index != null) {
      try {
        catchUp();
        List<String> ids = index.nearest(q, filters, depth, MIN_CANDIDATES);
        return repository.rowIds(ids.stream().map(ChunkId::parse).toList());
      } catch (RuntimeException e) {
        LOG.warn("vector index unusable, scanning the stored vectors instead: {}", e.toString());
      }
    }
    return scan(q, filters, depth);
  }

  /** Brings the index up to the feed's head; skipped while the head has not moved since the last time. */
  private void catchUp() {
    long head = feed.horizon();
    synchronized (indexing) {
      if (head != indexedHead) {
        indexing.catchUp();
        indexedHead = head;
      }
    }
  }

  /** The exact ranking: every stored vector of the current chunks compared with the query. */
  public List<Long> scan(float[] q, Filters filters, int depth) {
    record Scored(long id, double score) {}
    PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingDouble(Scored::score));
    repository.embeddings(filters, (id, bytes) -> {
      best.add(new Scored(id, Vectors.cosine(q, Vectors.decode(bytes))));
      if (best.size() > depth) {
        best.poll();
      }
    });
    return best.stream().sorted(Comparator.comparingDouble(Scored::score).reversed()).map(Scored::id).toList();
  }

  /**
   * Lower-cased words of the query (letters and digits), each once, at most 32, without common English
   * words (PostgreSQL drops them itself; FTS5 would let "the" rank a chunk) unless nothing else is left.
   */
  static List<String> terms(String query) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    for (String t : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!t.isEmpty() && all.size() < 32) {
        all.add(t);
      }
    }
    List<String> content = all.stream().filter(t -> !STOPWORDS.contains(t)).toList();
    return content.isEmpty() ? List.copyOf(all) : content;
  }

  private static final java.util.Set<String> STOPWORDS = java.util.Set.of("a", "an", "and", "are", "as", "at", "be",
      "by", "can", "do", "does", "for", "from", "how", "i", "if", "in", "is", "it", "its", "of", "on", "or", "that",
      "the", "this", "to", "was", "what", "when", "where", "which", "who", "why", "with", "you");
}
