package dev.ingestion.ops.health;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks one watched folder: it exists, can be written (or read), and its disk has room. */
final class DiskCheck {
  private DiskCheck() {}

  record Result(HealthStatus status, String message, Map<String, Object> details, Double freePercent) {}

  static Result check(WatchedPath w, HealthConfig config) {
    Map<String, Object> d = new LinkedHashMap<>();
    Path path = w.path().toAbsolutePath().normalize();
    d.put("name", w.name());
    d.put("role", w.role());
    d.put("path", path.toString());
    boolean exists = Files.isDirectory(path);
    d.put("exists", exists);
    if (!exists) {
      d.put("status", HealthStatus.UNHEALTHY.dbValue());
      return new Result(HealthStatus.UNHEALTHY, w.name() + ": folder " + path + " does not exist", d, null);
    }
    boolean access = w.writable() ? Files.isWritable(path) : Files.isReadable(path);
    d.put(w.writable() ? "writable" : "readable", access);
    Double freePercent = null;
    HealthStatus status = access ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
    String message = access ? null : w.name() + ": " + path + " is not " + (w.writable() ? "writable" : "readable")
        + " by this process; fix its owner or mode";
    try {
      FileStore store = Files.getFileStore(path);
      long total = store.getTotalSpace();
      long free = store.getUsableSpace();
      freePercent = total > 0 ? Math.round(10_000.0 * free / total) / 100.0 : 100.0;
      d.put("free_bytes", free);
      d.put("total_bytes", total);
      d.put("free_percent", freePercent);
      d.put("warn_below_percent", config.diskWarnPercent());
      d.put("critical_below_percent", config.diskCriticalPercent());
      if (freePercent < config.diskCriticalPercent()) {
        status = HealthStatus.UNHEALTHY;
        message = w.name() + ": only " + freePercent + "% free on the disk of " + path;
      } else if (freePercent < config.diskWarnPercent() && status == HealthStatus.HEALTHY) {
        status = HealthStatus.DEGRADED;
        message = w.name() + ": " + freePercent + "% free on the disk of " + path + " (warning below "
            + config.diskWarnPercent() + "%)";
      }
    } catch (IOException e) {
      status = status.worst(HealthStatus.DEGRADED);
      message = w.name() + ": cannot read the free space of " + path + ": " + e.getMessage();
    }
    d.put("status", status.dbValue());
    return new Result(status, message, d, freePercent);
  }
}
