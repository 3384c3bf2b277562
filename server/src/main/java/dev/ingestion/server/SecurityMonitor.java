package dev.ingestion.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Watches API traffic for what the runbook's security review greps the access log for: path traversal,
 * script and SQL injection attempts, and clients that collect many errors. Counts since the process
 * started; the access log keeps the full record.
 */
public final class SecurityMonitor {
  private static final Pattern SUSPICIOUS = Pattern.compile(
      "(\\.\\./|\\.\\.\\\\|<script|javascript:|union\\s+(all\\s+)?select|select\\s.+\\sfrom|drop\\s+table|;\\s*--|/etc/passwd)",
      Pattern.CASE_INSENSITIVE);
  private static final int KEEP = 50;

  private final Clock clock;
  private final Instant since;
  private final LongAdder requests = new LongAdder();
  private final LongAdder clientErrors = new LongAdder();
  private final LongAdder serverErrors = new LongAdder();
  private final LongAdder notFound = new LongAdder();
  private final LongAdder badRequests = new LongAdder();
  private final LongAdder unauthorized = new LongAdder();
  private final AtomicLong suspicious = new AtomicLong();
  private final Map<String, LongAdder> errorsByClient = new ConcurrentHashMap<>();
  private final Deque<SuspiciousRequest> recent = new ArrayDeque<>();
  private volatile Consumer<SuspiciousRequest> listener = r -> { };

  public SecurityMonitor(Clock clock) {
    this.clock = clock;
    this.since = clock.instant();
  }

  /** A request that looked like an attack. */
  public record SuspiciousRequest(Instant at, String client, String method, String target, int status) {}

  public record ClientErrors(String client, long errors) {}

  public record Report(Instant since, boolean authenticationEnabled, long requests, long clientErrors, long serverErrors,
      long notFound, long badRequests, long unauthorized, long suspiciousRequests, List<SuspiciousRequest> recentSuspicious,
      List<ClientErrors> topErrorClients) {}

  /** Called with every suspicious request (the server records it as a security event). */
  public void onSuspicious(Consumer<SuspiciousRequest> l) {
    this.listener = l;
  }

  public void record(String method, String path, String query, int status, String client) {
    requests.increment();
    if (status >= 400 && status < 500) {
      clientErrors.increment();
      errorsByClient.computeIfAbsent(client, c -> new LongAdder()).increment();
    }
    if (status >= 500) {
      serverErrors.increment();
    }
    if (status == 404) {
      notFound.increment();
    }
    if (status == 400) {
      badRequests.increment();
    }
    if (status == 401 || status == 403) {
      unauthorized.increment();
    }
    String target = path + (query == null ? "" : "?" + query);
    if (SUSPICIOUS.matcher(target).find() || SUSPICIOUS.matcher(decode(target)).find()) {
      suspicious.incrementAndGet();
      String shown = Redaction.path(path) + (query == null ? "" : "?" + Redaction.query(query));
      SuspiciousRequest r = new SuspiciousRequest(clock.instant(), client, method, Params.clip(shown), status);
      listener.accept(r);
      synchronized (recent) {
        recent.addFirst(r);
        while (recent.size() > KEEP) {
          recent.removeLast();
        }
      }
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  public Report report() {
    List<ClientErrors> top = errorsByClient.entrySet().stream()
        .map(e -> new ClientErrors(e.getKey(), e.getValue().sum()))
        .sorted(Comparator.comparingLong(ClientErrors::errors).reversed()).limit(10).toList();
    List<SuspiciousRequest> last;
    synchronized (recent) {
      last = List.copyOf(recent);
    }
    return new Report(since, true, requests.sum(), clientErrors.sum(), serverErrors.sum(), notFound.sum(),
        badRequests.sum(), unauthorized.sum(), suspicious.get(), last, top);
  }

}
