package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ingestion serve}: API, worker and scheduler in one process. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the operations API, a worker and the scheduler (source syncs, alerts, metric samples,"
        + " retention) in one process, until SIGTERM or Ctrl-C; stopping drains the worker.",
        "For separate processes use 'ingestion api' and 'ingestion worker' on the same database."})
final class ServeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin ServerOptions server;

  @Override
  public Integer call() {
    IngestionConfig cfg = server.apply(common.load());
    Services services = Services.start(cfg, EnumSet.allOf(Services.Part.class), Clock.systemUTC());
    String url = (cfg.server().tls().enabled() ? "https" : "http") + "://" + cfg.server().bind() + ":" + services.port();
    System.err.println("ingestion serving on " + url + " (operator console: " + url + "/console/)");
    services.runUntilStopped();
    return 0;
  }
}
