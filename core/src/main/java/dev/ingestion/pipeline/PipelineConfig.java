package dev.ingestion.pipeline;

import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.parse.IsolationConfig;
import dev.ingestion.parse.ParseLimits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How documents are processed. {@code concurrency} defaults to min(10, 2 x cores); retries back off
 * exponentially from {@code retryBaseDelay} up to {@code retryMaxDelay}, with jitter, until {@code
 * maxAttempts}; a worker holds a job for {@code lease} and renews it every {@code heartbeat}. The file's
 * {@code pipeline:} keys and their defaults are declared in {@link PipelineKeys}; change one value with
 * {@link #toBuilder()}.
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

  /** Every setting at its declared default. */
  public static PipelineConfig defaults() {
    return PipelineKeys.read(ConfigMap.empty("pipeline"));
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Another number of worker threads; the parser processes follow (one per thread, at most one per core). */
  public PipelineConfig withConcurrency(int n) {
    return toBuilder().concurrency(n).build();
  }

  public PipelineConfig withRetry(int attempts, Duration base, Duration max) {
    return toBuilder().maxAttempts(attempts).retryBaseDelay(base).retryMaxDelay(max).build();
  }

  public PipelineConfig withIsolation(IsolationConfig iso) {
    return toBuilder().isolation(iso).build();
  }

  public PipelineConfig withLease(Duration newLease, Duration newHeartbeat) {
    return toBuilder().lease(newLease).heartbeat(newHeartbeat).build();
  }

  /** A copy with some settings changed; a new setting is one field, one setter and one line of each copy. */
  public static final class Builder {
    private int concurrency;
    private ChunkerConfig chunker;
    private ParseLimits parseLimits;
    private int maxAttempts;
    private Duration retryBaseDelay;
    private Duration retryMaxDelay;
    private Duration lease;
    private Duration heartbeat;
    private Duration pollInterval;
    private Duration drainTimeout;
    private int keepVersions;
    private IsolationConfig isolation;
    private boolean childrenFollowConcurrency;

    private Builder(PipelineConfig c) {
      concurrency = c.concurrency;
      chunker = c.chunker;
      parseLimits = c.parseLimits;
      maxAttempts = c.maxAttempts;
      retryBaseDelay = c.retryBaseDelay;
      retryMaxDelay = c.retryMaxDelay;
      lease = c.lease;
      heartbeat = c.heartbeat;
      pollInterval = c.pollInterval;
      drainTimeout = c.drainTimeout;
      keepVersions = c.keepVersions;
      isolation = c.isolation;
    }

    /** Worker threads; unless {@link #isolation} is set after, the parser children follow. */
    public Builder concurrency(int n) {
      concurrency = n;
      childrenFollowConcurrency = true;
      return this;
    }

    public Builder chunker(ChunkerConfig c) {
      chunker = c;
      return this;
    }

    public Builder parseLimits(ParseLimits l) {
      parseLimits = l;
      return this;
    }

    public Builder maxAttempts(int n) {
      maxAttempts = n;
      return this;
    }

    public Builder retryBaseDelay(Duration d) {
      retryBaseDelay = d;
      return this;
    }

    public Builder retryMaxDelay(Duration d) {
      retryMaxDelay = d;
      return this;
    }

    public Builder lease(Duration d) {
      lease = d;
      return this;
    }

    public Builder heartbeat(Duration d) {
      heartbeat = d;
      return this;
    }

    public Builder pollInterval(Duration d) {
      pollInterval = d;
      return this;
    }

    public Builder drainTimeout(Duration d) {
      drainTimeout = d;
      return this;
    }

    public Builder keepVersions(int n) {
      keepVersions = n;
      return this;
    }

    public Builder isolation(IsolationConfig i) {
      isolation = i;
      childrenFollowConcurrency = false;
      return this;
    }

    public PipelineConfig build() {
      IsolationConfig iso = childrenFollowConcurrency
          ? isolation.withMaxChildren(IsolationConfig.childrenFor(concurrency))
          : isolation;
      return new PipelineConfig(concurrency, chunker, parseLimits, maxAttempts, retryBaseDelay, retryMaxDelay, lease,
          heartbeat, pollInterval, drainTimeout, keepVersions, iso);
    }
  }

  static Path defaultTempDir() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }
}
