package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.security.Role;
import dev.ingestion.security.Security;
import dev.ingestion.security.UserAdmin;
import dev.ingestion.store.Database;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ingestion users create|disable|enable|list}: API users, straight in the database. */
@Command(name = "users", mixinStandardHelpOptions = true,
    description = {"Manage API users in the database (works while the server runs; changes apply to the next"
        + " request). Roles: viewer (read), operator (also DLQ actions, alerts, retries, source syncs),"
        + " admin (also users, keys, IP blocks, cleanup, cache, audit)."},
    subcommands = {UsersCommand.Create.class, UsersCommand.Disable.class, UsersCommand.Enable.class,
        UsersCommand.ListUsers.class})
final class UsersCommand {
  static final String ACTOR = "cli:" + System.getProperty("user.name", "unknown");

  /** Runs {@code work} on the security services of an existing database. */
  static <T> T withSecurity(CommonOptions common, Function<Security, T> work) {
    IngestionConfig cfg = common.load();
    try (Database db = CommonOptions.openExisting(cfg)) {
      return work.apply(new Security(db, cfg.security().withAdminKeyFile(Services.adminKeyFile(cfg)), db.clock()));
    }
  }

  /** Like {@link #withSecurity}, creating the database when there is none yet (the first user). */
  static <T> T withSecurityCreating(CommonOptions common, Function<Security, T> work) {
    IngestionConfig cfg = common.load();
    try (Database db = Database.open(cfg.database(), Clock.systemUTC())) {
      return work.apply(new Security(db, cfg.security().withAdminKeyFile(Services.adminKeyFile(cfg)), db.clock()));
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Create a user and its first API key. The key is printed once, alone on the last line of"
          + " stdout (e.g. KEY=$(ingestion users create ci --role viewer | tail -1)); only its hash is stored."})
  static final class Create implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "NAME", description = "User name: letters, digits, '.', '_', '@', '-' (at most 64).")
    String name;
    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, operator or admin.")
    String role;

    @Override
    public Integer call() {
      UserAdmin.NewUser u = withSecurityCreating(common, s -> s.users().create(name, Role.parse(role), ACTOR));
      System.out.println("created user " + u.user().username() + " (" + u.user().role() + "), key id "
          + u.key().info().id() + " (" + u.key().info().prefix() + "...); the key follows and is not shown again:");
      System.out.println(u.key().key());
      return 0;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable a user: every key of it is refused from the next request on.")
  static final class Disable implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "NAME", description = "The user.")
    String name;

    @Override
    public Integer call() {
      withSecurity(common, s -> s.users().setEnabled(name, false, ACTOR));
      System.out.println("disabled user " + name);
      return 0;
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled user again.")
  static final class Enable implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "NAME", description = "The user.")
    String name;

    @Override
    public Integer call() {
      withSecurity(common, s -> s.users().setEnabled(name, true, ACTOR));
      System.out.println("enabled user " + name);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users: name, role, state, usable keys.")
  static final class ListUsers implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      var users = withSecurity(common, s -> s.users().list());
      System.out.printf("%-24s %-9s %-9s %s%n", "USER", "ROLE", "STATE", "ACTIVE KEYS");
      users.forEach(u -> System.out.printf("%-24s %-9s %-9s %d%n", u.username(), u.role(),
          u.enabled() ? "enabled" : "disabled", u.activeKeys()));
      return 0;
    }
  }
}
