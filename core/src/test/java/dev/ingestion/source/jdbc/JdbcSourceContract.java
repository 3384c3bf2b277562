package dev.ingestion.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.pipeline.Discovery;
import dev.ingestion.pipeline.DiscoveryResult;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.SourceException;
import dev.ingestion.source.SourceItem;
import dev.ingestion.source.SyncState;
import dev.ingestion.store.Database;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.SourceRepository;
import dev.ingestion.store.SyncRepository;
import dev.ingestion.store.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC source against a real database holding an employees table; one subclass per database. */
abstract class JdbcSourceContract {
  static final int ROWS = 10_000;
  static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  String url;
  Database store;
  Discovery discovery;

  /** A fresh, empty database to act as the source. */
  abstract String newDatabaseUrl(Path dir);

  abstract String user();

  /** The column type for updated_at, and how a point in time is written to it. */
  abstract String timestampType();

  abstract Object timestamp(Instant instant);

  @BeforeEach
  void employees() throws SQLException {
    url = newDatabaseUrl(dir);
    try (Connection c = DriverManager.getConnection(url, user(), null)) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE employees (id INTEGER PRIMARY KEY, name VARCHAR(100), department VARCHAR(50),"
            + " bio TEXT, updated_at " + timestampType() + ")");
      }
      try (PreparedStatement st = c.prepareStatement("INSERT INTO employees VALUES (?, ?, ?, ?, ?)")) {
        for (int i = 1; i <= ROWS; i++) {
          st.setInt(1, i);
          st.setString(2, "Employee " + i);
          st.setString(3, "dept-" + (i % 12));
          st.setString(4, "Joined as number " + i + ".");
          st.setObject(5, timestamp(BASE.plusSeconds(i)));
          st.addBatch();
          if (i % 1000 == 0) {
            st.executeBatch();
          }
        }
      }
      c.commit();
    }
    store = TestDatabases.sqlite(dir, clock);
    discovery = new Discovery(new SourceRepository(store), new SyncRepository(store), 3);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  JdbcSourceConfig config(String query) {
    return new JdbcSourceConfig(url, user(), null, query, "id", "updated_at", "{name}\n\n{bio}",
        List.of("department"), Duration.ofHours(24), 500);
  }

  JdbcSource source() {
    return new JdbcSource("employees", config("SELECT id, name, department, bio, updated_at FROM employees"), clock);
  }

  void sql(String statement, Object... args) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user(), null);
        PreparedStatement st = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      st.executeUpdate();
    }
  }

  static final class Collect implements ListingListener {
    final Map<String, SourceItem> items = new HashMap<>();
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
  }

  @Test
  void the_first_sync_lists_every_row_as_a_document() {
    DiscoveryResult r = discovery.run(source(), "test", null);
    assertThat(r.error()).isNull();
    assertThat(r.added()).isEqualTo(ROWS);
  }

  @Test
  void fetch_renders_the_template_into_a_small_text_document_with_metadata() throws IOException {
    Collect listed = new Collect();
    JdbcSource source = source();
    source.list(listed);
    try (FetchedContent row = source.fetch("42")) {
      assertThat(new String(row.open().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("Employee 42\n\nJoined as number 42.");
      assertThat(row.fileName()).isEqualTo("row-42.txt");
      assertThat(row.metadata()).containsEntry("department", "dept-6");
      assertThat(row.changeMarker()).isEqualTo(listed.items.get("42").changeMarker());
    }
  }

  @Test
  void between_full_syncs_only_rows_at_or_past_the_watermark_are_listed_and_nothing_is_deleted()
      throws SQLException {
    discovery.run(source(), "test", null);
    sql("UPDATE employees SET bio = 'Promoted.', updated_at = ? WHERE id IN (10, 20, 30)",
        timestamp(BASE.plus(Duration.ofDays(1))));
    sql("DELETE FROM employees WHERE id IN (1, 2)");
    clock.advance(Duration.ofHours(1));

    DiscoveryResult r = discovery.run(source(), "test", null);

    // the three edited rows, plus the row holding the previous watermark (listing is inclusive, so a
    // row committed later with the same updated value is not missed)
    assertThat(r.discovered()).isEqualTo(4);
    assertThat(r.deleted()).isZero();
  }

  @Test
  void a_full_sync_after_the_interval_marks_vanished_rows_deleted() throws SQLException {
    discovery.run(source(), "test", null);
    sql("DELETE FROM employees WHERE id IN (1, 2)");
    clock.advance(Duration.ofHours(25));

    DiscoveryResult r = discovery.run(source(), "test", null);

    assertThat(r.discovered()).isEqualTo(ROWS - 2);
    assertThat(r.deleted()).isEqualTo(2);
  }

  @Test
  void an_edited_row_gets_a_new_marker_even_if_its_updated_value_did_not_move() throws SQLException {
    Collect before = new Collect();
    source().list(before);
    sql("UPDATE employees SET bio = 'Quietly edited.' WHERE id = 7");
    Collect after = new Collect();
    source().list(after);
    assertThat(after.items.get("7").changeMarker()).isNotEqualTo(before.items.get("7").changeMarker());
    assertThat(after.items.get("8").changeMarker()).isEqualTo(before.items.get("8").changeMarker());
  }

  @Test
  void the_watermark_survives_a_restart_and_the_next_listing_resumes_from_it() throws SQLException {
    discovery.run(source(), "test", null);
    SourceRepository sources = new SourceRepository(store);
    String saved = sources.syncState(sources.find("employees").orElseThrow().id()).orElseThrow();
    sql("INSERT INTO employees VALUES (?, ?, ?, ?, ?)", ROWS + 1, "New Hire", "dept-1", "Started today.",
        timestamp(BASE.plus(Duration.ofDays(2))));

    Collect resumed = new Collect();
    SyncState state = SyncState.inMemory();
    state.save(saved);
    source().list(resumed, state);

    assertThat(resumed.incremental).isTrue();
    assertThat(resumed.items).containsOnlyKeys(String.valueOf(ROWS), String.valueOf(ROWS + 1));
    assertThat(Watermark.parse(state.load()).orElseThrow().value()).startsWith("2026-01-03");
  }

  @Test
  void a_row_that_is_gone_fails_to_fetch_as_not_found() {
    assertThatThrownBy(() -> source().fetch("999999"))
        .isInstanceOfSatisfying(DocumentException.class, e -> {
          assertThat(e.category()).isEqualTo(FailureCategory.NOT_FOUND);
          assertThat(e.retryable()).isFalse();
        });
  }

  @Test
  void a_template_naming_a_column_the_query_lacks_fails_with_a_message_naming_it() {
    JdbcSourceConfig c = config("SELECT id, name, updated_at FROM employees");
    JdbcSource source = new JdbcSource("employees", c, clock);
    assertThatThrownBy(() -> source.list(new Collect()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("bio").hasMessageContaining("department");
    assertThat(source.check().ok()).isFalse();
  }

  @Test
  void a_missing_table_fails_the_listing_as_not_found_and_check_says_so() {
    JdbcSource source = new JdbcSource("employees", config("SELECT * FROM staff"), clock);
    assertThatThrownBy(() -> source.list(new Collect()))
        .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.category()).isEqualTo(FailureCategory.NOT_FOUND));
    assertThat(source.check().details()).containsEntry("category", "not_found");
  }

  @Test
  void check_reports_a_working_query_with_its_latency() {
    var check = source().check();
    assertThat(check.ok()).isTrue();
    assertThat(check.details()).containsKey("latency_ms");
  }
}
