package dev.ingestion.pipeline;

import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.parse.IsolationConfig;
import dev.ingestion.parse.ParseLimits;
import java.time.Duration;

/**
 * How documents are processed. {@code concurrency} defaults to min(10, 2 x cores); retries back off
 * exponentially from {@code retryBaseDelay} up to {@code retryMaxDelay}, with jitter, until {@code
 * maxAttempts}; a worker holds a job for {@code lease} and renews it every {@code heartbeat}.
 */
public record PipelineConfig(
    int concurrency,
    ChunkerConfig chunker,
    ParseLimits parseLimits,
    int maxAttempts,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    Duration lease,
    Duration heartbeat,
    Duration pollInterval,
    Duration drainTimeout,
    int keepVersions,
    IsolationConfig isolation) {

  public static int defaultConcurrency() {
    return Math.min(10, 2 * Runtime.getRuntime().availableProcessors());
  }

  public static PipelineConfig defaults() {
    return new PipelineConfig(
        defaultConcurrency(),
        ChunkerConfig.DEFAULT,
        ParseLimits.DEFAULT,
        3,
        Duration.ofSeconds(2),
        Duration.ofMinutes(5),
        Duration.ofSeconds(60),
        Duration.ofSeconds(15),
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        5,
        new IsolationConfig(IsolationConfig.Mode.PROCESS, "512m", IsolationConfig.childrenFor(defaultConcurrency()),
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))));
  }

  /** Another number of worker threads; the parser processes follow (one per thread, at most one per core). */
  public PipelineConfig withConcurrency(int n) {
    return new PipelineConfig(n, chunker, parseLimits, maxAttempts, retryBaseDelay, retryMaxDelay, lease, heartbeat,
        pollInterval, drainTimeout, keepVersions,
        new IsolationConfig(isolation.mode(), isolation.childHeap(), IsolationConfig.childrenFor(n), isolation.tempDir()));
  }

  public PipelineConfig withRetry(int attempts, Duration base, Duration max) {
    return new PipelineConfig(concurrency, chunker, parseLimits, attempts, base, max, lease, heartbeat, pollInterval,
        drainTimeout, keepVersions, isolation);
  }

  public PipelineConfig withIsolation(IsolationConfig iso) {
    return new PipelineConfig(concurrency, chunker, parseLimits, maxAttempts, retryBaseDelay, retryMaxDelay, lease,
        heartbeat, pollInterval, drainTimeout, keepVersions, iso);
  }

  public PipelineConfig withLease(Duration newLease, Duration newHeartbeat) {
    return new PipelineConfig(concurrency, chunker, parseLimits, maxAttempts, retryBaseDelay, retryMaxDelay, newLease,
        newHeartbeat, pollInterval, drainTimeout, keepVersions, isolation);
  }
}
