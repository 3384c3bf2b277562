package dev.ingestion.security;

import dev.ingestion.model.NotFoundException;
import dev.ingestion.model.StateConflictException;
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
 *
 * <p>Guard rails: a block of everything (a {@code /0} range) or of the address the request comes from is
 * refused unless forced, so an admin does not lock everybody, or themselves, out by a slip.
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

  /** What to block; {@code force} overrides the guard rails. */
  public record BlockRequest(String ip, String reason, Duration expiresIn, boolean force) {}

  /** Blocks without a caller address to protect (the command line). */
  public BlockRow block(String ip, String reason, Duration expiresIn, String actor) {
    return block(new BlockRequest(ip, reason, expiresIn, false), actor, null);
  }

  /** Blocks {@code request.ip()}; {@code callerAddress} (null: none) is the address the request came from. */
  public BlockRow block(BlockRequest request, String actor, String callerAddress) {
    IpRange range = IpRange.parse(request.ip());
    if (!request.force()) {
      refuseSweepingBlock(range, callerAddress);
    }
    return store(range, request.reason(), request.expiresIn(), actor);
  }

  private static void refuseSweepingBlock(IpRange range, String callerAddress) {
    if (range.prefixLength() == 0) {
      throw new StateConflictException("refused: " + range.cidr() + " blocks every address; if that is really meant,"
          + " send force: true (ingestion ips block --force)");
    }
    Optional<byte[]> caller = IpRange.literal(strip(callerAddress));
    if (caller.isPresent() && range.contains(caller.get())) {
      throw new StateConflictException("refused: " + range.cidr() + " covers your own address " + callerAddress
          + " and would lock you out; if that is really meant, send force: true (the way back is"
          + " 'ingestion ips unblock' on the server host)");
    }
  }

  private BlockRow store(IpRange range, String reason, Duration expiresIn, String actor) {
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
