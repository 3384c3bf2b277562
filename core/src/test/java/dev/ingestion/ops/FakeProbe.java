package dev.ingestion.ops;

import dev.ingestion.ops.health.ResourceProbe;

/** A machine whose load a test sets. */
public final class FakeProbe implements ResourceProbe {
  public volatile double heap = 20;
  public volatile double cpu = 10;

  @Override
  public double heapUsedPercent() {
    return heap;
  }

  @Override
  public double systemCpuPercent() {
    return cpu;
  }

  @Override
  public double processCpuPercent() {
    return cpu / 2;
  }

  @Override
  public double systemMemoryUsedPercent() {
    return 50;
  }

  @Override
  public long heapUsedBytes() {
    return (long) (heap * 10_000_000);
  }

  @Override
  public long heapMaxBytes() {
    return 1_000_000_000;
  }

  @Override
  public int availableProcessors() {
    return 2;
  }
}
