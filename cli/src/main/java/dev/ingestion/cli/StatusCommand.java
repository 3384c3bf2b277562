package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.StatusRepository;
import dev.ingestion.store.StatusRepository.DeadLetterLine;
import dev.ingestion.store.StatusRepository.LastRun;
import dev.ingestion.store.StatusRepository.Summary;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingestion status}: documents by status, the queue, the dead-letter queue, the last run. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show documents by status, queued work, the dead-letter queue size and the last run.")
final class StatusCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--dlq", description = "Also list open dead-letter items (newest first).")
  boolean dlq;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many dead-letter items to list (default 20).")
  int limit;

  @Override
  public Integer call() {
    IngestionConfig cfg = common.load();
    try (Database db = CommonOptions.openExisting(cfg)) {
      StatusRepository status = new StatusRepository(db);
      print(System.out, status.summary(), cfg);
      if (dlq) {
        printDeadLetters(System.out, status);
      }
    }
    return 0;
  }

  private static void print(PrintStream out, Summary s, IngestionConfig cfg) {
    out.printf("database    %s%n", cfg.database().url());
    out.println("documents");
    s.documentsByStatus().forEach((k, v) -> out.printf(Locale.ROOT, "  %-12s %,d%n", k, v));
    out.printf(Locale.ROOT, "queue       %,d queued, %,d in progress%n", s.queued(), s.leased());
    out.printf(Locale.ROOT, "dead-letter %,d open%n", s.openDeadLetters());
    out.printf(Locale.ROOT, "versions    %,d   current chunks %,d%n", s.versions(), s.currentChunks());
    if (s.lastRun().isPresent()) {
      LastRun r = s.lastRun().get();
      out.printf(Locale.ROOT, "last run    %s on %s, %s: %,d discovered (%,d new, %,d changed, %,d unchanged, %,d deleted)%s%n",
          r.startedAt(), r.source(), r.status(), r.discovered(), r.added(), r.changed(), r.unchanged(), r.deleted(),
          r.error() == null ? "" : " error: " + r.error());
    } else {
      out.println("last run    none yet (try: ingestion ingest samples/)");
    }
  }

  private void printDeadLetters(PrintStream out, StatusRepository status) {
    out.println();
    out.println("open dead-letter items");
    for (DeadLetterLine d : status.openDeadLetters(Math.max(1, Math.min(limit, 1000)))) {
      out.printf(Locale.ROOT, "  #%d [%s/%s] %s %s at %s after %d attempt(s): %s%n", d.id(), d.priority(), d.status(),
          d.sourceRef(), d.category(), d.stage(), d.attempts(), d.message());
    }
  }
}
