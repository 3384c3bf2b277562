package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.ops.reports.ReconciliationReport;
import dev.ingestion.ops.reports.ReconciliationReport.Report;
import dev.ingestion.ops.reports.ReconciliationReport.SourceAccount;
import dev.ingestion.store.Database;
import dev.ingestion.store.ReconciliationRepository;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingestion report ...}: reports read straight from the database. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Reports from the database.",
    subcommands = {ReportCommand.Reconcile.class, DatabaseReportCommand.class})
final class ReportCommand {

  /** {@code ingestion report reconcile [--source NAME]}. */
  @Command(name = "reconcile", mixinStandardHelpOptions = true,
      description = {"Account for every item each source listed: discovered = completed + dead-lettered + skipped"
          + " + in flight, exactly (deleted documents shown apart). Documents that fit none are listed.",
          "Exit code 0 when every source balances, 3 when one does not."})
  static final class Reconcile implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--source", paramLabel = "NAME", description = "Only this source (default: every source).")
    String source;

    @Override
    public Integer call() {
      IngestionConfig cfg = common.load();
      try (Database db = CommonOptions.openExisting(cfg)) {
        Report report = new ReconciliationReport(new ReconciliationRepository(db), Clock.systemUTC()).generate(source);
        report.sources().forEach(a -> print(System.out, a));
        System.out.println(report.balanced() ? "balanced" : "NOT BALANCED: see the documents listed above");
        return report.balanced() ? 0 : 3;
      }
    }

    private static void print(PrintStream out, SourceAccount a) {
      out.printf(Locale.ROOT, "source %s%n", a.source());
      out.printf(Locale.ROOT, "  discovered     %,d%n", a.discovered());
      out.printf(Locale.ROOT, "  completed      %,d (%,d truncated at the character limit)%n", a.completed(), a.truncated());
      out.printf(Locale.ROOT, "  dead-lettered  %,d%s%n", a.deadLettered(), labels(a.deadLetteredByCategory()));
      out.printf(Locale.ROOT, "  skipped        %,d%s%n", a.skipped(), labels(a.skippedByReason()));
      out.printf(Locale.ROOT, "  in flight      %,d%n", a.inFlight());
      out.printf(Locale.ROOT, "  difference     %,d%n", a.difference());
      out.printf(Locale.ROOT, "  deleted        %,d (not counted above)%n", a.deleted());
      a.unaccounted().forEach(u -> out.printf(Locale.ROOT, "    unaccounted #%d %s: status %s, active job %s,"
          + " dead-letter row %s, current version %s%n", u.documentId(), u.externalId(), u.status(), u.hasActiveJob(),
          u.hasDeadLetter(), u.hasVersion()));
      a.truncatedDocuments().forEach(t -> out.printf(Locale.ROOT, "    truncated #%d %s: %,d characters kept%n",
          t.documentId(), t.externalId(), t.charCount()));
    }

    private static String labels(Map<String, Long> counts) {
      if (counts.isEmpty()) {
        return "";
      }
      StringBuilder sb = new StringBuilder(" (");
      counts.forEach((k, v) -> sb.append(sb.length() > 2 ? ", " : "").append(k).append(' ').append(v));
      return sb.append(')').toString();
    }
  }
}
