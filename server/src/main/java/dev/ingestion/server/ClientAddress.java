package dev.ingestion.server;

import dev.ingestion.security.IpRange;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * Who the client is, for the blocklist, the failed-authentication throttle, the audit trail and the logs.
 * The peer address of the connection, unless that peer is one of the configured trusted proxies
 * ({@code server.trusted_proxies}): then {@code X-Forwarded-For} is read from the right, skipping
 * trusted proxies, and the first address that is not one is the client. Without trusted proxies the header
 * is ignored, so a client cannot pick its own address by sending it.
 */
public final class ClientAddress {
  private final List<IpRange> trusted;

  public ClientAddress(List<IpRange> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  public String of(Context ctx) {
    String peer = ctx.req().getRemoteAddr();
    if (trusted.isEmpty() || !isTrusted(peer)) {
      return peer;
    }
    List<String> hops = forwardedFor(ctx);
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (IpRange.literal(strip(hop)).isEmpty()) {
        return client; // not an address: the hop before it is the last one a trusted proxy vouched for
      }
      client = hop;
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return client;
  }

  private static List<String> forwardedFor(Context ctx) {
    List<String> hops = new ArrayList<>();
    Enumeration<String> headers = ctx.req().getHeaders("X-Forwarded-For");
    for (String header : headers == null ? List.<String>of() : Collections.list(headers)) {
      for (String part : header.split(",")) {
        if (!part.isBlank()) {
          hops.add(part.trim());
        }
      }
    }
    return hops;
  }

  private boolean isTrusted(String address) {
    Optional<byte[]> bytes = IpRange.literal(strip(address));
    return bytes.isPresent() && trusted.stream().anyMatch(r -> r.contains(bytes.get()));
  }

  private static String strip(String address) {
    if (address != null && address.startsWith("[") && address.endsWith("]")) {
      return address.substring(1, address.length() - 1);
    }
    return address;
  }
}
