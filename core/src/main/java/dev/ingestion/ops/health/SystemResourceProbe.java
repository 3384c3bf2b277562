package dev.ingestion.ops.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/** Reads the JVM's management beans. */
public final class SystemResourceProbe implements ResourceProbe {
  private final com.sun.management.OperatingSystemMXBean os =
      ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);

  private static MemoryUsage heap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
  }

  @Override
  public double heapUsedPercent() {
    MemoryUsage h = heap();
    long max = h.getMax() > 0 ? h.getMax() : h.getCommitted();
    return max <= 0 ? 0 : 100.0 * h.getUsed() / max;
  }

  @Override
  public double systemCpuPercent() {
    double load = os == null ? -1 : os.getCpuLoad();
    return load < 0 ? -1 : load * 100;
  }

  @Override
  public double processCpuPercent() {
    double load = os == null ? -1 : os.getProcessCpuLoad();
    return load < 0 ? -1 : load * 100;
  }

  @Override
  public double systemMemoryUsedPercent() {
    if (os == null || os.getTotalMemorySize() <= 0) {
      return -1;
    }
    return 100.0 * (os.getTotalMemorySize() - os.getFreeMemorySize()) / os.getTotalMemorySize();
  }

  @Override
  public long heapUsedBytes() {
    return heap().getUsed();
  }

  @Override
  public long heapMaxBytes() {
    return heap().getMax();
  }

  @Override
  public int availableProcessors() {
    return Runtime.getRuntime().availableProcessors();
  }
}
