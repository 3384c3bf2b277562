package dev.ingestion.security;

import dev.ingestion.model.NotFoundException;
import dev.ingestion.store.BlockedIpRepository;
import dev.ingestion.store.BlockedIpRepository.BlockRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Client addresses and ranges refused before authentication. The blocks live in the database (they
 * survive restarts and apply to every API process); each process checks requests against a copy that it
 * reloads after its own changes at once and every {@link #RELOAD} otherwise, so a block made by another
 * process applies within that time. Expired blocks simply stop matching.
 */
public final class IpBlocklist {
  public static final Duration RELOAD = Duration.ofSeconds(5);

  private final BlockedIpRepository repository;
  private final Clock clock;
  private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.MIN);

  private record Entry(IpRange range, BlockRow row) {}

  private record Snapshot(List<Entry> entries, Instant loadedAt) {}

  public IpBlocklist(BlockedIpRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** The block that refuses {@code client}, if any. */
  public Optional<BlockRow> blocking(String client) {
    Optional<byte[]> address = IpRange.literal(strip(client));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Snapshot s = snapshot;
    if (s.loadedAt().isBefore(now.minus(RELOAD))) {
      s = reload(now);
    }
    for (Entry e : s.entries()) {
      boolean live = e.row().expiresAt() == null || e.row().expiresAt().isAfter(now);
      if (live && e.range().contains(address.get())) {
        return Optional.of(e.row());
      }
    }
    return Optional.empty();
  }

  public BlockRow block(String ip, String reason, Duration expiresIn, String actor) {
    IpRange range = IpRange.parse(ip);
    Instant now = clock.instant();
    BlockRow row = new BlockRow(range.cidr(), reason == null || reason.isBlank() ? "blocked by " + actor : reason.trim(),
        actor, now, expiresIn == null ? null : now.plus(expiresIn));
    repository.upsert(row);
    SecurityEvents.SECURITY.warn("client address {} blocked by {} until {}: {}", row.address(), actor,
        row.expiresAt() == null ? "unblocked" : row.expiresAt(), row.reason());
    reload(now);
    return row;
  }

  public BlockRow unblock(String ip, String actor) {
    IpRange range = IpRange.parse(ip);
    BlockRow removed = repository.delete(range.cidr()).orElseThrow(() -> new NotFoundException(
        "'" + range.cidr() + "' is not blocked; list blocks with GET /admin/ips"));
    SecurityEvents.SECURITY.warn("client address {} unblocked by {}", removed.address(), actor);
    reload(clock.instant());
    return removed;
  }

  public List<BlockRow> list() {
    return repository.active(clock.instant());
  }

  private synchronized Snapshot reload(Instant now) {
    List<Entry> entries = repository.active(now).stream().map(r -> new Entry(IpRange.parse(r.address()), r)).toList();
    Snapshot s = new Snapshot(entries, now);
    snapshot = s;
    return s;
  }

  private static String strip(String client) {
    if (client != null && client.startsWith("[") && client.endsWith("]")) {
      return client.substring(1, client.length() - 1);
    }
    return client;
  }
}
