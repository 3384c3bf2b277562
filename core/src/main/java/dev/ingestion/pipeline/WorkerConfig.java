package dev.ingestion.pipeline;

import java.time.Duration;

/** How a worker process runs: threads, lease and heartbeat, idle polling, shutdown drain time. */
public record WorkerConfig(String kind, int concurrency, Duration lease, Duration heartbeat, Duration pollInterval,
    Duration drainTimeout) {

  public static WorkerConfig from(String kind, PipelineConfig p) {
    return new WorkerConfig(kind, p.concurrency(), p.lease(), p.heartbeat(), p.pollInterval(), p.drainTimeout());
  }
}
