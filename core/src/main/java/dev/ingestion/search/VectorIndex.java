package dev.ingestion.search;

import dev.ingestion.model.StoreException;
import dev.ingestion.sink.Sink;
import dev.ingestion.sink.SinkConfig;
import dev.ingestion.sink.SinkMark;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.FeedChange;
import dev.ingestion.store.SearchRepository.Filters;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
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
 * An HNSW index (Apache Lucene) of the current chunks' vectors, kept in a local folder: beside the
 * SQLite database ({@code <database>.vectors}), or for PostgreSQL under {@code data/vectors/} ({@link #folder}). It is a {@link Sink} of the change feed: a {@link
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
  /**
   * Changes per batch, and so per commit: every commit flushes a segment with its own graph and small
   * segments are merged again later (re-inserting their vectors), so few large batches build fastest.
   */
  private static final int BATCH = 20_000;

  private final SinkConfig config;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private VectorIndex(Path dir, String name) throws IOException {
    this.config = new SinkConfig(name, "lucene-hnsw", BATCH, Duration.ofSeconds(2), Duration.ofMinutes(1),
        Long.MAX_VALUE, Long.MAX_VALUE);
    this.directory = FSDirectory.open(dir);
    // A buffer larger than a batch's graph: segments are flushed by the batch's commit only.
    IndexWriterConfig c = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(512);
    try {
      this.writer = new IndexWriter(directory, c);
    } catch (IOException e) {
      directory.close();
      throw e;
    }
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * The index of {@code db}'s vectors in its usual folder ({@link #folder}); empty for an in-memory
   * database or when another process holds the folder.
   */
  public static Optional<VectorIndex> beside(Database db) {
    if (db.config().isSqlite() && db.config().sqlitePath().contains(":memory:")) {
      return Optional.empty();
    }
    Path dir = folder(db.config());
    return in(dir, db.config().isSqlite() ? NAME : cursorName(dir));
  }

  /**
   * The cursor row of an index kept outside the database's own folder: one per host and folder, since
   * several processes of a shared PostgreSQL database each keep their own index and a shared cursor
   * would make each one think the others' progress was its own.
   */
  static String cursorName(Path dir) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return NAME + "@" + host + ":" + dir.toAbsolutePath().normalize();
  }

  /**
   * Where the index of a database is kept: beside a SQLite file ({@code <file>.vectors}); for PostgreSQL
   * in a local folder named after the server and database under {@code data/vectors/} of the working
   * directory (the index is rebuilt from the database whenever that folder is missing or stale).
   */
  public static Path folder(DatabaseConfig config) {
    if (config.isSqlite()) {
      return Path.of(config.sqlitePath() + ".vectors");
    }
    String rest = config.url().substring("jdbc:postgresql:".length());
    int query = rest.indexOf('?');
    String name = (query >= 0 ? rest.substring(0, query) : rest).replaceFirst("^//", "")
        .replaceAll("[^A-Za-z0-9._-]+", "_");
    return Path.of("data", "vectors", name.isEmpty() ? "postgresql" : name);
  }

  /**
   * The index kept in {@code dir} (created when missing), its cursor in the database named after the
   * host and folder; empty when another process holds it.
   */
  public static Optional<VectorIndex> in(Path dir) {
    return in(dir, cursorName(dir));
  }

  private static Optional<VectorIndex> in(Path dir, String name) {
    try {
      return Optional.of(new VectorIndex(dir, name));
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
    d.add(new KeywordField(ID, u.id(), KeywordField.Store.NO));
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
    } catch (IOException e) {
      throw new StoreException("cannot write the vector index: " + e.getMessage(), e);
    }
  }

  /**
   * The chunk ids of the {@code k} nearest vectors to {@code query} (cosine), nearest first, from a
   * graph search that keeps {@code candidates} (at least {@code k}) on its way: more candidates, closer
   * to the exact ranking.
   */
  public List<String> nearest(float[] query, Filters filters, int k, int candidates) {
    try {
      searchers.maybeRefreshBlocking();
      IndexSearcher s = searchers.acquire();
      try {
        int explore = Math.max(k, candidates);
        ScoreDoc[] top = s.search(new KnnFloatVectorQuery(VECTOR, unit(query), explore, filter(filters)), k).scoreDocs;
        return ids(s, top);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new StoreException("cannot read the vector index: " + e.getMessage(), e);
    }
  }

  /** The ids of {@code docs} from the id field's doc values (no stored-field block to decompress). */
  private static List<String> ids(IndexSearcher s, ScoreDoc[] docs) throws IOException {
    List<String> out = new ArrayList<>(docs.length);
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    for (ScoreDoc d : docs) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(d.doc, leaves));
      SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), ID);
      if (!values.advanceExact(d.doc - leaf.docBase)) {
        throw new IOException("vector index document " + d.doc + " has no chunk id");
      }
      out.add(values.lookupOrd(values.nextOrd()).utf8ToString());
    }
    return out;
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
