package dev.ingestion.ops.health;

import java.nio.file.Path;

/**
 * A folder the filesystem check looks at: its role (data, logs, temp, or a source's name), and whether
 * this process must be able to write there (sources need only be readable).
 */
public record WatchedPath(String name, String role, Path path, boolean writable) {}
