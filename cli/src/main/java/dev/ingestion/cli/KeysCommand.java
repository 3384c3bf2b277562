package dev.ingestion.cli;

import dev.ingestion.config.Units;
import dev.ingestion.model.InvalidInputException;
import dev.ingestion.security.UserAdmin;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ingestion keys create|revoke|list}: API keys, straight in the database. */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Manage API keys. Keys are 'ingk_' + 43 random characters (256 bits), shown once at"
        + " creation; the database keeps only their SHA-256. Lists show the key id and its first characters.",
    subcommands = {KeysCommand.Create.class, KeysCommand.Revoke.class, KeysCommand.ListKeys.class})
final class KeysCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Issue another key to a user. The key is printed once, alone on the last line of stdout."})
  static final class Create implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "USER", description = "The user the key is for.")
    String user;
    @Option(names = "--name", paramLabel = "LABEL", description = "A label, e.g. where the key is used.")
    String name;
    @Option(names = "--expires-in", paramLabel = "DURATION",
        description = "Validity: 90s, 30m, 24h, 7d or 2w (default: until revoked).")
    String expiresIn;

    @Override
    public Integer call() {
      Duration validity = expiresIn == null ? null : parse(expiresIn);
      UserAdmin.IssuedKey k = UsersCommand.withSecurity(common, s -> s.users().issue(user, name, validity,
          UsersCommand.ACTOR));
      System.out.println("issued key id " + k.info().id() + " (" + k.info().prefix() + "...) to " + user
          + (k.info().expiresAt() == null ? "" : ", expires " + k.info().expiresAt())
          + "; the key follows and is not shown again:");
      System.out.println(k.key());
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a key by id (see 'ingestion keys list'): refused from the next request on.")
  static final class Revoke implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "ID", description = "The key id.")
    long id;

    @Override
    public Integer call() {
      var k = UsersCommand.withSecurity(common, s -> s.users().revoke(id, UsersCommand.ACTOR));
      System.out.println("revoked key " + k.id() + " (" + k.prefix() + "...) of " + k.username());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys: id, user, prefix, state, expiry.")
  static final class ListKeys implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--user", paramLabel = "NAME", description = "Only this user's keys.")
    String user;

    @Override
    public Integer call() {
      var keys = UsersCommand.withSecurity(common, s -> s.users().keys(user));
      System.out.printf("%-6s %-20s %-12s %-8s %-24s %s%n", "ID", "USER", "PREFIX", "STATE", "EXPIRES", "NAME");
      keys.forEach(k -> System.out.printf("%-6d %-20s %-12s %-8s %-24s %s%n", k.id(), k.username(), k.prefix(),
          k.revokedAt() != null ? "revoked" : "active", k.expiresAt() == null ? "-" : k.expiresAt(),
          k.name() == null ? "" : k.name()));
      return 0;
    }
  }

  static Duration parse(String text) {
    Duration d = text.trim().matches("\\d+") ? null : Units.VALIDITY.parse(text);
    if (d == null) {
      throw new InvalidInputException("--expires-in must look like 90s, 30m, 24h, 7d or 2w, got '" + text + "'");
    }
    return d;
  }
}
