package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.ops.sources.SourceCheckService;
import dev.ingestion.ops.sources.SourceCheckService.Check;
import dev.ingestion.source.Source;
import dev.ingestion.store.Database;
import dev.ingestion.store.SourcePauses;
import dev.ingestion.store.SourceStatusRepository;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ingestion sources list|test|resume}: the configured sources, their health and pause state. */
@Command(name = "sources", mixinStandardHelpOptions = true,
    description = {"The sources configured under sources: in ingestion.yml.",
        "A source that refuses our credentials is paused (its documents wait, an alert is raised) until resumed."},
    subcommands = {SourcesCommand.ListSources.class, SourcesCommand.TestSource.class, SourcesCommand.Resume.class})
final class SourcesCommand {
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List configured sources: type, location, active or paused (and why), last sync.")
  static final class ListSources implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      IngestionConfig cfg = common.load();
      if (cfg.sources().isEmpty()) {
        System.out.println("no sources configured; add them under sources: in ingestion.yml (see docs/sources.md)");
        return 0;
      }
      try (Database db = CommonOptions.openExisting(cfg)) {
        Map<String, SourcePauses.Paused> paused = new SourcePauses(db).paused().stream()
            .collect(Collectors.toMap(SourcePauses.Paused::name, Function.identity()));
        SourceStatusRepository runs = new SourceStatusRepository(db);
        for (Source s : cfg.sources()) {
          print(System.out, s, paused.get(s.name()), runs);
        }
      }
      return 0;
    }

    private static void print(PrintStream out, Source s, SourcePauses.Paused p, SourceStatusRepository runs) {
      out.printf(Locale.ROOT, "%-20s %-11s %-8s %s%n", s.name(), s.type(), p == null ? "active" : "paused", s.location());
      if (p != null) {
        out.printf("%-20s paused since %s: %s%n", "", p.since(), p.reason());
      }
      runs.lastRun(s.name()).ifPresent(r -> out.printf(Locale.ROOT, "%-20s last sync %s %s: %,d listed, %,d new, %,d changed,"
          + " %,d deleted%s%n", "", r.startedAt(), r.status(), r.discovered(), r.added(), r.changed(), r.deleted(),
          r.error() == null ? "" : "; error: " + r.error()));
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = {"Check that a source is reachable, accepts our credentials and may be listed; prints the latency.",
          "The same check as the API's POST /test/s3, /test/sharepoint, /test/database. Exit code 0 if it passed."})
  static final class TestSource implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME", description = "The source's name in ingestion.yml.")
    String name;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Give up after this long (default 10).")
    int timeoutSeconds;

    @Override
    public Integer call() {
      IngestionConfig cfg = common.load();
      try (SourceCheckService checks = new SourceCheckService(cfg::sources, Duration.ofSeconds(timeoutSeconds),
          Clock.systemUTC())) {
        Check c = checks.checkNamed(name);
        System.out.printf(Locale.ROOT, "%s %s (%s, %s) in %.0f ms%n", c.ok() ? "OK  " : "FAIL", c.source(), c.type(),
            c.location(), c.latencyMs());
        System.out.println("  " + c.message());
        c.details().forEach((k, v) -> System.out.println("  " + k + ": " + v));
        return c.ok() ? 0 : Main.EXIT_FATAL;
      } finally {
        cfg.sources().forEach(Source::close);
      }
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = {"Resume a paused source: its waiting documents become due again.",
          "Fix the credentials first and check them with 'ingestion sources test NAME'."})
  static final class Resume implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NAME", description = "The paused source's name.")
    String name;

    @Override
    public Integer call() {
      IngestionConfig cfg = common.load();
      try (Database db = CommonOptions.openExisting(cfg)) {
        int released = new SourcePauses(db).resume(name);
        if (released < 0) {
          System.err.println("source '" + name + "' is not paused; see 'ingestion sources list'");
          return Main.EXIT_FATAL;
        }
        System.out.printf(Locale.ROOT, "resumed %s: %,d waiting document(s) are due again%n", name, released);
        return 0;
      }
    }
  }
}
