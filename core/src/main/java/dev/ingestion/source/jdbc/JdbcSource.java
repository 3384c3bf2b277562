package dev.ingestion.source.jdbc;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.SourceAccessDeniedException;
import dev.ingestion.model.Stage;
import dev.ingestion.source.CheckResult;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceException;
import dev.ingestion.source.SourceItem;
import dev.ingestion.source.SyncState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each row of a query is a document. A full listing runs on the first sync and then every {@code
 * full_sync_interval}; it alone notices deleted rows. In between, listings ask only for rows whose
 * updated column is at or past the stored watermark and declare themselves incremental, so nothing is
 * deleted for not being listed. Rows stream with a fetch size inside a read-only transaction
 * (PostgreSQL only streams with autocommit off).
 */
public final class JdbcSource implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSource.class);

  private final String name;
  private final JdbcSourceConfig config;
  private final Clock clock;
  private final RowTemplate template;
  private final String query;
  private volatile Boolean numericId;

  public JdbcSource(String name, JdbcSourceConfig config, Clock clock) {
    this.name = name;
    this.config = config;
    this.clock = clock;
    this.template = new RowTemplate(config.template());
    this.query = config.query().strip().replaceAll(";+$", "");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return JdbcSourceFactory.TYPE;
  }

  @Override
  public String location() {
    return JdbcSourceConfig.masked(config.url());
  }

  public JdbcSourceConfig config() {
    return config;
  }

  @Override
  public void list(ListingListener listener) {
    list(listener, SyncState.inMemory());
  }

  @Override
  public void list(ListingListener listener, SyncState state) {
    Instant now = clock.instant();
    Optional<Watermark> previous = config.updatedColumn() == null ? Optional.empty() : Watermark.parse(state.load());
    boolean full = previous.isEmpty() || !previous.get().isPresent()
        || !previous.get().lastFull().plus(config.fullSyncInterval()).isAfter(now);
    Watermark seen = full ? new Watermark(null, null, now) : previous.get();
    try (Connection c = connect(); PreparedStatement st = listing(c, full ? null : previous.get())) {
      if (!full) {
        listener.incremental();
      }
      try (ResultSet rs = st.executeQuery()) {
        Columns columns = columns(rs.getMetaData());
        while (rs.next()) {
          Row row = row(rs, columns);
          Watermark rowMark = Watermark.of(row.updated(), seen.lastFull());
          seen = seen.max(rowMark);
          listener.item(new SourceItem(row.id(), row.marker(), row.text().length(), rowMark.instant()));
        }
      }
      c.rollback();
    } catch (SQLException e) {
      throw new SourceException(JdbcErrors.category(e),
          "source '" + name + "': cannot list rows from " + location() + ": " + JdbcErrors.describe(e), e);
    }
    if (config.updatedColumn() != null) {
      state.save(seen.format());
    }
    LOG.debug("listed source '{}' ({} listing)", name, full ? "full" : "incremental");
  }

  private PreparedStatement listing(Connection c, Watermark since) throws SQLException {
    String sql = "SELECT * FROM (" + query + ") src"
        + (since == null ? "" : " WHERE src." + config.updatedColumn() + " >= ?");
    PreparedStatement st = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    st.setFetchSize(config.fetchSize());
    if (since != null) {
      since.bind(st, 1);
    }
    return st;
  }

  private Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
    c.setAutoCommit(false);
    return c;
  }

  /** Column labels (lower case) of the result, checked against the configuration. */
  private record Columns(Map<String, Integer> index) {}

  private Columns columns(ResultSetMetaData meta) throws SQLException {
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      index.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), i);
    }
    Set<String> available = index.keySet();
    var missing = new java.util.ArrayList<>(template.missing(available));
    for (String c : config.metadataColumns()) {
      if (!available.contains(c.toLowerCase(java.util.Locale.ROOT))) {
        missing.add(c);
      }
    }
    for (String c : new String[] {config.idColumn(), config.updatedColumn()}) {
      if (c != null && !available.contains(c.toLowerCase(java.util.Locale.ROOT))) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new SourceException(FailureCategory.NOT_FOUND, "source '" + name + "': the query returns no column "
          + missing + "; it returns " + available + ". Fix the query, id_column, updated_column, template or"
          + " metadata_columns", null);
    }
    return new Columns(index);
  }

  private Row row(ResultSet rs, Columns columns) throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    for (var e : columns.index().entrySet()) {
      values.put(e.getKey(), rs.getString(e.getValue()));
    }
    Object updated = config.updatedColumn() == null ? null
        : rs.getObject(columns.index().get(config.updatedColumn().toLowerCase(java.util.Locale.ROOT)));
    return Row.of(values, updated, config, template);
  }

  @Override
  public FetchedContent fetch(String externalId) {
    try (Connection c = connect();
        PreparedStatement st = c.prepareStatement(
            "SELECT * FROM (" + query + ") src WHERE src." + config.idColumn() + " = ?")) {
      bindId(c, st, externalId);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          throw new DocumentException(Stage.FETCH, FailureCategory.NOT_FOUND,
              "row " + config.idColumn() + " = " + externalId + " is no longer returned by the query");
        }
        Row row = row(rs, columns(rs.getMetaData()));
        c.rollback();
        return new RowContent(row);
      }
    } catch (SQLException e) {
      String message = "cannot read row " + externalId + " from " + location() + ": " + JdbcErrors.describe(e);
      if (JdbcErrors.category(e) == FailureCategory.PERMISSION_DENIED) {
        throw new SourceAccessDeniedException(message, e);
      }
      throw new DocumentException(Stage.FETCH, JdbcErrors.category(e), message, e);
    } catch (SourceException e) {
      if (e.category() == FailureCategory.PERMISSION_DENIED) {
        throw new SourceAccessDeniedException(e.getMessage(), e);
      }
      throw new DocumentException(Stage.FETCH, e.category(), e.getMessage(), e);
    }
  }

  /** Binds the id as a number when the column is numeric: PostgreSQL will not compare integer with text. */
  private void bindId(Connection c, PreparedStatement st, String externalId) throws SQLException {
    if (numericId == null) {
      try (PreparedStatement probe = c.prepareStatement("SELECT * FROM (" + query + ") src WHERE 1 = 0");
          ResultSet rs = probe.executeQuery()) {
        int type = rs.getMetaData().getColumnType(columns(rs.getMetaData()).index()
            .get(config.idColumn().toLowerCase(java.util.Locale.ROOT)));
        numericId = type == Types.INTEGER || type == Types.BIGINT || type == Types.SMALLINT
            || type == Types.NUMERIC || type == Types.DECIMAL || type == Types.TINYINT;
      }
    }
    if (numericId && externalId.matches("-?\\d+")) {
      st.setLong(1, Long.parseLong(externalId));
    } else {
      st.setString(1, externalId);
    }
  }

  @Override
  public CheckResult check() {
    long start = System.nanoTime();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("url", location());
    try (Connection c = connect();
        PreparedStatement st = c.prepareStatement("SELECT * FROM (" + query + ") src WHERE 1 = 0");
        ResultSet rs = st.executeQuery()) {
      columns(rs.getMetaData());
      c.rollback();
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      details.put("latency_ms", latency.toMillis());
      return new CheckResult(true, latency, "connected; the query runs and returns the configured columns", details);
    } catch (SQLException e) {
      details.put("category", JdbcErrors.category(e).dbValue());
      return new CheckResult(false, Duration.ofNanos(System.nanoTime() - start), JdbcErrors.describe(e), details);
    } catch (SourceException e) {
      details.put("category", e.category().dbValue());
      return new CheckResult(false, Duration.ofNanos(System.nanoTime() - start), e.getMessage(), details);
    }
  }
}
