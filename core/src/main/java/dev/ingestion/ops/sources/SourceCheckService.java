package dev.ingestion.ops.sources;

import dev.ingestion.model.InvalidInputException;
import dev.ingestion.model.NotFoundException;
import dev.ingestion.source.CheckResult;
import dev.ingestion.source.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Connectivity checks of configured sources, as the runbook's source system health check asks: find the
 * source of a kind (matching an endpoint, a bucket or a name), run its {@link Source#check()} with a time
 * limit, report whether it worked, how fast, and if not, why.
 */
public final class SourceCheckService implements AutoCloseable {
  /** The source types each check kind accepts. */
  public static final Map<String, Set<String>> KINDS = Map.of(
      "sharepoint", Set.of("sharepoint"),
      "s3", Set.of("s3"),
      "database", Set.of("jdbc", "database"),
      "filesystem", Set.of("filesystem"));

  private final Supplier<Collection<Source>> sources;
  private final Duration timeout;
  private final Clock clock;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public SourceCheckService(Supplier<Collection<Source>> sources, Duration timeout, Clock clock) {
    this.sources = sources;
    this.timeout = timeout;
    this.clock = clock;
  }

  public record Check(String source, String type, String location, boolean ok, double latencyMs, String message,
      String error, Map<String, Object> details, Instant checkedAt) {}

  /** Checks the source of {@code kind} whose location contains {@code match} (or whose name is it). */
  public Check check(String kind, String match) {
    return check(find(kind, match));
  }

  /** Checks the configured source called {@code name}, of any type. */
  public Check checkNamed(String name) {
    Source source = sources.get().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new NotFoundException("no configured source '" + name + "'; configured: "
            + names(List.copyOf(sources.get()))));
    return check(source);
  }

  private Check check(Source source) {
    Instant at = clock.instant();
    long start = System.nanoTime();
    Future<CheckResult> f = executor.submit(source::check);
    try {
      CheckResult r = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Check(source.name(), source.type(), source.location(), r.ok(), r.latency().toNanos() / 1e6,
          r.message(), r.ok() ? null : r.message(), r.details(), at);
    } catch (TimeoutException e) {
      f.cancel(true);
      return failed(source, at, start, "no answer within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return failed(source, at, start, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(source, at, start, "interrupted");
    }
  }

  private static Check failed(Source s, Instant at, long start, String error) {
    return new Check(s.name(), s.type(), s.location(), false, (System.nanoTime() - start) / 1e6, error, error, Map.of(), at);
  }

  Source find(String kind, String match) {
    Set<String> types = KINDS.get(kind);
    if (types == null) {
      throw new InvalidInputException("unknown check '" + kind + "'; one of: " + String.join(", ", KINDS.keySet()));
    }
    List<Source> ofKind = sources.get().stream().filter(s -> types.contains(s.type())).toList();
    if (ofKind.isEmpty()) {
      throw new NotFoundException("no " + kind + " source is configured; add one under sources: in ingestion.yml"
          + " (type: " + String.join(" or ", types) + ")");
    }
    if (match == null || match.isBlank()) {
      if (ofKind.size() == 1) {
        return ofKind.get(0);
      }
      throw new InvalidInputException("several " + kind + " sources are configured (" + names(ofKind)
          + "); say which one");
    }
    String m = match.trim().toLowerCase(Locale.ROOT);
    return ofKind.stream().filter(s -> s.name().equalsIgnoreCase(m)).findFirst()
        .or(() -> ofKind.stream().filter(s -> s.location().toLowerCase(Locale.ROOT).contains(m)).findFirst())
        .orElseThrow(() -> new NotFoundException("no " + kind + " source matches '" + match + "'; configured: "
            + names(ofKind)));
  }

  private static String names(List<Source> sources) {
    return String.join(", ", sources.stream().map(s -> s.name() + " (" + s.location() + ")").toList());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
