package dev.ingestion.cli;

import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ingestion worker}: process queued documents until stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Process queued documents until SIGTERM or Ctrl-C. Stopping drains: no new claims, running"
        + " documents get pipeline.shutdown_grace (default 30 s) to finish, the rest goes back to the queue"
        + " without counting an attempt, then the parser processes stop.",
        "Several workers may share a database; 'ingestion api' queues work for them."})
final class WorkerCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    Services services = Services.start(common.load(), EnumSet.of(Services.Part.WORKER), Clock.systemUTC());
    System.err.println("ingestion worker started");
    services.runUntilStopped();
    return 0;
  }
}
