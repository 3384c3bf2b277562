package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.ConfigException;
import dev.ingestion.sink.Sink;
import dev.ingestion.sink.SinkRunner;
import dev.ingestion.sink.SinkService;
import dev.ingestion.sink.SinkStatus;
import dev.ingestion.store.Database;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ingestion sink}: the sinks of the {@code sinks:} section, run on demand or listed. */
@Command(name = "sink", mixinStandardHelpOptions = true,
    description = {"Write the chunk change feed into the targets of the 'sinks:' section (search engines).",
        "'serve' and 'api' run every configured sink continuously; 'sink run' runs one on demand."},
    subcommands = {SinkCommand.Run.class, SinkCommand.Status.class})
final class SinkCommand {
  private SinkCommand() {}

  static Sink sink(IngestionConfig cfg, String name) {
    return cfg.sink(name).orElseThrow(() -> new ConfigException("no sink called '" + name + "' in the sinks: section"
        + (cfg.sinks().isEmpty() ? " (there are none)" : "; configured: "
            + String.join(", ", cfg.sinks().stream().map(s -> s.config().name()).toList()))));
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Follow the change feed into sink NAME's target from its stored cursor, until SIGTERM or Ctrl-C"
          + " (retrying with backoff while the target is down), or with --once until it is caught up.",
          "The cursor is saved after each batch the target acknowledged: a stopped or killed run resumes there."},
      footer = {"", "Examples:", "  ingestion sink run search --once", "  ingestion sink run search"})
  static final class Run implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "NAME", description = "The sink's name in the sinks: section.")
    String name;

    @Option(names = "--once", description = "Write what is waiting and exit 0 once caught up (non-zero if the target "
        + "cannot be written).")
    boolean once;

    @Override
    public Integer call() throws InterruptedException {
      IngestionConfig cfg = common.load();
      Sink sink = sink(cfg, name);
      try (Database db = CommonOptions.openExisting(cfg)) {
        SinkService service = new SinkService(List.of(sink), db);
        if (once) {
          try {
            report(service.runners().get(0).catchUp());
          } finally {
            service.close();
          }
          return 0;
        }
        follow(service);
      }
      return 0;
    }

    private void report(SinkRunner.Pass pass) {
      System.err.printf(Locale.ROOT, "sink %s: %,d changes written, %,d refused%s; caught up at cursor %s%n", name,
          pass.written(), pass.rejected(), pass.resynced() ? " (rebuilt from the start of the feed)" : "",
          pass.cursor());
    }

    /** Runs until SIGTERM or Ctrl-C; the shutdown hook stops the sink's thread before the database closes. */
    private void follow(SinkService service) throws InterruptedException {
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
        service.close();
        stopped.countDown();
      }));
      service.start();
      System.err.println("sink " + name + ": following the change feed (Ctrl-C to stop)");
      stopped.await();
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Each configured sink's cursor, lag (feed changes not yet written), totals and last error.")
  static final class Status implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      IngestionConfig cfg = common.load();
      try (Database db = CommonOptions.openExisting(cfg)) {
        SinkService service = new SinkService(cfg.sinks(), db);
        for (SinkStatus s : service.statuses()) {
          System.out.printf(Locale.ROOT, "%-20s %-10s cursor %-10s lag %,d  applied %,d  refused %,d  resyncs %d%s%n",
              s.config().name(), s.config().type(), s.state().cursor(), s.lag(), s.state().applied(),
              s.state().rejected(), s.state().resyncs(), s.failing() ? "  FAILING: " + s.state().lastError() : "");
        }
        if (cfg.sinks().isEmpty()) {
          System.out.println("no sinks configured (add a sinks: section to ingestion.yml; see docs/delivery.md)");
        }
      }
      return 0;
    }
  }
}
