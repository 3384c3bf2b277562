package dev.ingestion.cli;

import dev.ingestion.security.IpBlocklist;
import dev.ingestion.store.BlockedIpRepository.BlockRow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ingestion ips block|unblock|list}: the client blocklist, straight in the database, the same
 * one POST /admin/ips/block writes. Running servers pick a change up within seconds. This is also the
 * way back for an administrator who blocked their own address.
 */
@Command(name = "ips", mixinStandardHelpOptions = true,
    description = "Block client addresses or CIDR ranges (refused with 403 before authentication), unblock"
        + " them, list the blocks. The same blocklist as POST /admin/ips/block; servers reload it within seconds.",
    subcommands = {IpsCommand.Block.class, IpsCommand.Unblock.class, IpsCommand.ListBlocks.class})
final class IpsCommand {
  @Command(name = "block", mixinStandardHelpOptions = true,
      description = "Block an address (203.0.113.7, 2001:db8::1) or a range (203.0.113.0/24, 2001:db8::/32).")
  static final class Block implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "IP", description = "An IPv4 or IPv6 address or CIDR range.")
    String ip;
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept with the block and logged).")
    String reason;
    @Option(names = "--expires-in", paramLabel = "DURATION",
        description = "Lift the block after 90s, 30m, 24h, 7d or 2w (default: until unblocked).")
    String expiresIn;
    @Option(names = "--force", description = "Block even a range covering every address (0.0.0.0/0, ::/0).")
    boolean force;

    @Override
    public Integer call() {
      Duration expiry = expiresIn == null ? null : KeysCommand.parse(expiresIn);
      BlockRow b = UsersCommand.withSecurityCreating(common, s -> s.blocklist().block(
          new IpBlocklist.BlockRequest(ip, reason, expiry, force), UsersCommand.ACTOR, null));
      System.out.println("blocked " + b.address() + (b.expiresAt() == null ? "" : " until " + b.expiresAt())
          + ": " + b.reason());
      return 0;
    }
  }

  @Command(name = "unblock", mixinStandardHelpOptions = true, description = "Remove the block of an address or range.")
  static final class Unblock implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "IP", description = "The address or range as it was blocked.")
    String ip;

    @Override
    public Integer call() {
      BlockRow b = UsersCommand.withSecurity(common, s -> s.blocklist().unblock(ip, UsersCommand.ACTOR));
      System.out.println("unblocked " + b.address());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List active blocks.")
  static final class ListBlocks implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      List<BlockRow> blocks = UsersCommand.withSecurity(common, s -> s.blocklist().list());
      System.out.printf("%-40s %-24s %-20s %s%n", "ADDRESS", "EXPIRES", "BY", "REASON");
      blocks.forEach(b -> System.out.printf("%-40s %-24s %-20s %s%n", b.address(),
          b.expiresAt() == null ? "-" : b.expiresAt(), b.blockedBy(), b.reason()));
      return 0;
    }
  }
}
