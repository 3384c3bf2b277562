package dev.ingestion.ops.health;

/** Readings of this process and its machine; an interface so tests can make a machine look busy. */
public interface ResourceProbe {
  /** Heap in use as a percentage of the maximum heap. */
  double heapUsedPercent();

  /** Machine-wide CPU use over the recent past, 0-100; negative when unknown. */
  double systemCpuPercent();

  /** CPU use of this process, 0-100 of the whole machine; negative when unknown. */
  double processCpuPercent();

  /** Physical memory in use, 0-100; negative when unknown. */
  double systemMemoryUsedPercent();

  long heapUsedBytes();

  long heapMaxBytes();

  int availableProcessors();
}
