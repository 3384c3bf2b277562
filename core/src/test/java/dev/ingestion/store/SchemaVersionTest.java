package dev.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Database#SCHEMA_VERSION} follows the migrations, and a current database opens without Flyway. */
@FastTest
class SchemaVersionTest {
  private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

  @TempDir Path dir;

  @Test
  void schema_version_is_the_newest_migration_of_both_dialects() throws IOException {
    for (String dialect : new String[] {"sqlite", "postgresql"}) {
      assertThat(newest(Path.of("src/main/resources/db/migration", dialect)))
          .as("raise Database.SCHEMA_VERSION with the new %s migration", dialect).isEqualTo(Database.SCHEMA_VERSION);
    }
  }

  @Test
  void a_current_database_reopens_and_a_behind_one_is_migrated() {
    DatabaseConfig cfg = DatabaseConfig.sqlite("jdbc:sqlite:" + dir.resolve("i.db"));
    try (Database db = Database.open(cfg, Clock.systemUTC())) {
      assertThat(versions(db)).isEqualTo(Database.SCHEMA_VERSION);
      db.withConnection(c -> db.sql(c).update("DELETE FROM flyway_schema_history WHERE version = ?",
          String.valueOf(Database.SCHEMA_VERSION)));
      db.withConnection(c -> db.sql(c).update("CREATE INDEX idx_documents_updated_at ON documents (updated_at)"));
      db.withConnection(c -> db.sql(c).update("CREATE INDEX idx_attempts_finished_at ON attempts (finished_at)"));
    }
    try (Database db = Database.open(cfg, Clock.systemUTC())) {
      assertThat(versions(db)).as("the missing migration applied again").isEqualTo(Database.SCHEMA_VERSION);
      long indexes = db.withConnection(c -> db.sql(c).queryLong("SELECT count(*) FROM sqlite_master WHERE name IN"
          + " ('idx_documents_updated_at', 'idx_attempts_finished_at')"));
      assertThat(indexes).as("the indexes the missing migration drops").isZero();
    }
  }

  private static long versions(Database db) {
    return db.withConnection(c -> db.sql(c).queryLong(
        "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success"));
  }

  private static int newest(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> VERSION.matcher(f.getFileName().toString())).filter(Matcher::matches)
          .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
    }
  }
}
