package dev.ingestion.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.security.IpBlocklist;
import dev.ingestion.server.Audit;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import java.util.Map;

/** Blocking client addresses and CIDR ranges (refused with 403 before authentication). Admin only. */
public final class IpBlockRoutes implements Routes {
  private final IpBlocklist blocklist;

  public IpBlockRoutes(IpBlocklist blocklist) {
    this.blocklist = blocklist;
  }

  /** POST /admin/ips/block. */
  public record BlockBody(String ip, String reason, JsonNode expiresIn, Boolean force) {}

  /** POST /admin/ips/unblock. */
  public record UnblockBody(String ip) {}

  @Override
  public void register(RouteTable routes) {
    routes.tag("security");
    routes.get("/admin/ips", "Blocked client addresses and ranges in force",
        ctx -> ctx.json(Map.of("blocked", blocklist.list())));
    routes.post("/admin/ips/block", "Block an address or CIDR range (IPv4 or IPv6), optionally for a while", ctx -> {
      BlockBody b = Params.body(ctx, BlockBody.class, null);
      var request = new IpBlocklist.BlockRequest(b.ip(), b.reason(), Params.expiry("expires_in", b.expiresIn()),
          Boolean.TRUE.equals(b.force()));
      var row = blocklist.block(request, SecurityRoutes.actor(ctx), ctx.ip());
      Audit.note(ctx, row.address(), null, row);
      ctx.status(201).json(row);
    }).status(201).body(BlockBody.class, true, "Address or CIDR range, e.g. 192.168.1.100, 10.0.0.0/8, 2001:db8::/32",
        "Why (kept with the block)", "For how long: seconds, or 90s, 30m, 24h, 7d, 2w (default: until unblocked)",
        "true: block even a range covering every address (/0) or the caller's own address (refused with 409 otherwise)");
    routes.post("/admin/ips/unblock", "Lift the block of an address or range (as it was blocked)", ctx -> {
      UnblockBody b = Params.body(ctx, UnblockBody.class, null);
      var removed = blocklist.unblock(b.ip(), SecurityRoutes.actor(ctx));
      Audit.note(ctx, removed.address(), removed, null);
      ctx.json(Map.of("unblocked", removed));
    }).body(UnblockBody.class, true, "Address or CIDR range to unblock");
  }
}
