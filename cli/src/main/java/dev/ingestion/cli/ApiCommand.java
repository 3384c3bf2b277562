package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingestion api}: the operations API (and the scheduler) without a worker. */
@Command(name = "api", mixinStandardHelpOptions = true,
    description = "Run the operations API and the scheduler (source syncs, alerts, metric samples, retention)"
        + " without processing documents; run 'ingestion worker' beside it. Stops on SIGTERM or Ctrl-C.")
final class ApiCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin ServerOptions server;

  @Option(names = "--no-scheduler", description = "Serve the API only (for a second API process on the same database).")
  boolean noScheduler;

  @Override
  public Integer call() {
    IngestionConfig cfg = server.apply(common.load());
    Services services = Services.start(cfg,
        noScheduler ? EnumSet.of(Services.Part.API) : EnumSet.of(Services.Part.API, Services.Part.SCHEDULER),
        Clock.systemUTC());
    String url = (cfg.server().tls().enabled() ? "https" : "http") + "://" + cfg.server().bind() + ":" + services.port();
    System.err.println("ingestion API on " + url + " (operator console: " + url + "/console/)");
    services.runUntilStopped();
    return 0;
  }
}
