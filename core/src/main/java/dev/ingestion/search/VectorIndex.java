package dev.ingestion.search;

import dev.ingestion.model.StoreException;
import dev.ingestion.sink.Sink;
import dev.ingestion.sink.SinkConfig;
import dev.ingestion.sink.SinkMark;
import dev.ingestion.store.Database;
import dev.ingestion.store.FeedChange;
import dev.ingestion.store.SearchRepository.Filters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HNSW index (Apache Lucene) of the current chunks' vectors, kept in a folder beside the SQLite
 * database ({@code <database>.vectors}). It is a {@link Sink} of the change feed: a {@link
 * dev.ingestion.sink.SinkRunner} brings it up to date before a search reads it, and rebuilds it from the
 * database when the folder is missing or belongs to another history of the database (restored from a
 * backup). Each batch is committed with the mark, so a crash loses nothing the cursor says was written.
 * One process writes it at a time (Lucene's lock); another process searches by scanning instead.
 */
public final class VectorIndex implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(VectorIndex.class);
  /** The index's cursor row in {@code sink_state}; user sink names cannot start with '_'. */
  public static final String NAME = "_vector_index";
  private static final String ID = "id";
  private static final String VECTOR = "v";
  private static final String SOURCE = "source";
  private static final String MIME = "mime";
  private static final int BATCH = 5_000;

  private final SinkConfig config = new SinkConfig(NAME, "lucene-hnsw", BATCH, Duration.ofSeconds(2),
      Duration.ofMinutes(1), Long.MAX_VALUE, Long.MAX_VALUE);
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private VectorIndex(Path dir) throws IOException {
    this.directory = FSDirectory.open(dir);
    IndexWriterConfig c = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(256);
    try {
      this.writer = new IndexWriter(directory, c);
    } catch (IOException e) {
      directory.close();
      throw e;
    }
    this.searchers = new SearcherManager(writer, null);
  }

  /** The index beside a SQLite database file; empty on PostgreSQL, in memory, or when another process holds it. */
  public static Optional<VectorIndex> beside(Database db) {
    if (!db.config().isSqlite() || db.config().sqlitePath().contains(":memory:")) {
      return Optional.empty();
    }
    Path dir = Path.of(db.config().sqlitePath() + ".vectors");
    try {
      return Optional.of(new VectorIndex(dir));
    } catch (LockObtainFailedException e) {
      LOG.info("vector index {} is written by another process; vector search scans the stored vectors", dir);
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn("vector index {} cannot be opened ({}); vector search scans the stored vectors", dir, e.toString());
      return Optional.empty();
    }
  }

  @Override
  public SinkConfig config() {
    return config;
  }

  @Override
  public Optional<SinkMark> open() {
    Map<String, String> data = new HashMap<>();
    Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
    if (live != null) {
      live.forEach(e -> data.put(e.getKey(), e.getValue()));
    }
    if (!data.containsKey("seq") || !data.containsKey("stamp")) {
      return Optional.empty();
    }
    return Optional.of(new SinkMark(Long.parseLong(data.get("seq")), data.get("stamp")));
  }

  @Override
  public void mark(SinkMark mark) {
    writer.setLiveCommitData(Map.of("seq", Long.toString(mark.seq()), "stamp", mark.stamp()).entrySet());
    commit();
  }

  @Override
  public List<Rejection> write(List<FeedChange> changes) {
    List<Rejection> refused = new ArrayList<>();
    try {
      for (FeedChange change : changes) {
        Term id = new Term(ID, change.id());
        if (change instanceof FeedChange.Upsert u && u.embedding() != null) {
          try {
            writer.updateDocument(id, document(u));
          } catch (IllegalArgumentException e) {
            refused.add(new Rejection(u.id(), e.getMessage()));
          }
        } else {
          writer.deleteDocuments(id);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    commit();
    return refused;
  }

  private static Document document(FeedChange.Upsert u) {
    Document d = new Document();
    d.add(new KeywordField(ID, u.id(), KeywordField.Store.YES));
    d.add(new KnnFloatVectorField(VECTOR, unit(u.embedding()), VectorSimilarityFunction.DOT_PRODUCT));
    if (u.document().source() != null) {
      d.add(new KeywordField(SOURCE, u.document().source(), KeywordField.Store.NO));
    }
    if (u.document().mimeType() != null) {
      d.add(new KeywordField(MIME, baseType(u.document().mimeType()), KeywordField.Store.NO));
    }
    return d;
  }

  @Override
  public void clear() {
    try {
      writer.deleteAll();
      writer.setLiveCommitData(Map.<String, String>of().entrySet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    commit();
  }

  @Override
  public long count() {
    return writer.getDocStats().numDocs;
  }

  private void commit() {
    try {
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new StoreException("cannot write the vector index: " + e.getMessage(), e);
    }
  }

  /** The chunk ids of the {@code k} nearest vectors to {@code query} (cosine), nearest first. */
  public List<String> nearest(float[] query, Filters filters, int k) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        ScoreDoc[] top = s.search(new KnnFloatVectorQuery(VECTOR, unit(query), k, filter(filters)), k).scoreDocs;
        List<String> out = new ArrayList<>(top.length);
        var stored = s.storedFields();
        for (ScoreDoc d : top) {
          out.add(stored.document(d.doc).get(ID));
        }
        return out;
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new StoreException("cannot read the vector index: " + e.getMessage(), e);
    }
  }

  private static Query filter(Filters f) {
    if (f.source() == null && f.mimeType() == null) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (f.source() != null) {
      b.add(new TermQuery(new Term(SOURCE, f.source())), BooleanClause.Occur.FILTER);
    }
    if (f.mimeType() != null) {
      b.add(new TermQuery(new Term(MIME, baseType(f.mimeType()))), BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  private static String baseType(String mime) {
    int semi = mime.indexOf(';');
    return (semi < 0 ? mime : mime.substring(0, semi)).trim();
  }

  /** A unit-length copy: the index compares by dot product, which is the cosine for unit vectors. */
  static float[] unit(float[] v) {
    double norm = 0;
    for (float f : v) {
      norm += f * f;
    }
    float[] out = new float[v.length];
    float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * scale;
    }
    return out;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      LOG.warn("closing the vector index: {}", e.toString());
    }
  }
}
