package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.ops.reports.DatabaseReport;
import dev.ingestion.ops.reports.DatabaseReport.Report;
import dev.ingestion.store.Database;
import dev.ingestion.store.MaintenanceRunRepository;
import dev.ingestion.store.PostgresStatistics;
import dev.ingestion.store.SqliteStatistics;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingestion report database [--top N]}: the database report of GET /reports/database, as text. */
@Command(name = "database", mixinStandardHelpOptions = true,
    description = {"The database's own view: on PostgreSQL the slowest statements by mean time (needs the"
        + " pg_stat_statements extension; says how to enable it when it is missing), connections by state, locks"
        + " waiting and who blocks them, table and index sizes; on SQLite pages, free pages, WAL size and table"
        + " sizes. Both: the last successful ANALYZE/VACUUM/REINDEX/optimize runs."})
final class DatabaseReportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10",
      description = "How many statements, tables and indexes to list, 1-100 (default: ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() {
    if (top < 1 || top > 100) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--top must be between 1 and 100, got " + top);
    }
    IngestionConfig cfg = common.load();
    try (Database db = CommonOptions.openExisting(cfg)) {
      Report r = new DatabaseReport(db, new MaintenanceRunRepository(db), Clock.systemUTC()).generate(top);
      print(System.out, r);
      return 0;
    }
  }

  static void print(PrintStream out, Report r) {
    out.printf(Locale.ROOT, "database %s, report at %s%n", r.database(), r.generatedAt());
    if (r.postgresql() != null) {
      postgres(out, r.postgresql());
    } else {
      sqlite(out, r.sqlite());
    }
    out.printf(Locale.ROOT, "this process's pool: %d active of %d open (max %d)%n", r.pool().active(), r.pool().total(),
        r.pool().max());
    out.println("last successful maintenance:");
    r.lastMaintenance().forEach((job, at) -> out.printf(Locale.ROOT, "  %-9s %s%n", job, at == null ? "never" : at));
  }

  private static void postgres(PrintStream out, PostgresStatistics.Snapshot p) {
    out.printf(Locale.ROOT, "PostgreSQL %s, database size %s%n", p.version(), bytes(p.databaseBytes()));
    out.println("slowest statements by mean time (pg_stat_statements):");
    if (!p.statements().available()) {
      out.println("  " + p.statements().message());
    }
    p.statements().top().forEach(s -> out.printf(Locale.ROOT, "  %10.2f ms mean  %8d calls  %10.1f ms total  %s%n",
        s.meanExecMs(), s.calls(), s.totalExecMs(), oneLine(s.query())));
    out.printf(Locale.ROOT, "connections to this database by state: %s; all client connections %d of max_connections"
        + " %d%n", p.connections().byState(), p.connections().serverTotal(), p.connections().maxConnections());
    out.printf(Locale.ROOT, "locks waiting: %d%n", p.locks().waiting());
    p.locks().blocked().forEach(b -> out.printf(Locale.ROOT, "  pid %d blocked by %s for %s (%s): %s%n", b.pid(),
        b.blockedBy(), b.waiting(), b.waitEvent(), oneLine(b.query())));
    if (p.sizesNote() != null) {
      out.println("note: " + p.sizesNote());
    }
    out.println("tables (table + indexes, live/dead rows, last analyze, last vacuum):");
    p.tables().forEach(t -> out.printf(Locale.ROOT, "  %-28s %10s + %10s  %,d/%,d rows  %s  %s%n", t.name(),
        bytes(t.tableBytes()), bytes(t.indexBytes()), t.liveRows(), t.deadRows(), t.lastAnalyze(), t.lastVacuum()));
    out.println("indexes (size, scans):");
    p.indexes().forEach(i -> out.printf(Locale.ROOT, "  %-40s on %-24s %10s  %,d scans%n", i.name(), i.table(),
        bytes(i.bytes()), i.scans()));
  }

  private static void sqlite(PrintStream out, DatabaseReport.SqliteView v) {
    SqliteStatistics.Snapshot s = v.stats();
    out.printf(Locale.ROOT, "SQLite %s, %s (journal %s)%n", s.version(), s.path(), s.journalMode());
    out.printf(Locale.ROOT, "pages: %,d of %,d bytes = %s; free pages %,d (%s, %.1f%%); file %s; WAL %s%n",
        s.pageCount(), s.pageSize(), bytes(s.pageCount() * s.pageSize()), s.freePages(), bytes(v.freeBytes()),
        v.freePercent(), bytes(s.fileBytes()), bytes(s.walBytes()));
    out.println("statements: " + v.statements());
    if (s.relationsNote() != null) {
      out.println("tables: " + s.relationsNote());
    }
    out.println("largest tables and indexes:");
    s.relations().forEach(r -> out.printf(Locale.ROOT, "  %-40s %-8s %-24s %10s%n", r.name(), r.type(), r.table(),
        bytes(r.bytes())));
  }

  private static String oneLine(String text) {
    String s = text == null ? "" : text.replaceAll("\\s+", " ").trim();
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }

  private static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    double v = n;
    String[] units = {"KB", "MB", "GB", "TB"};
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
