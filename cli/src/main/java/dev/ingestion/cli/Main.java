package dev.ingestion.cli;

import dev.ingestion.model.ConfigException;
import dev.ingestion.model.IngestionException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ingestion} command. */
@Command(name = "ingestion", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {
        "Pulls documents from folders (and other sources), extracts text and metadata with Apache Tika,"
            + " splits it into chunks for retrieval, keeps versions, retries failures and parks what keeps failing"
            + " in a dead-letter queue.",
        "",
        "Quick start:  ingestion ingest samples/     then     ingestion status"},
    footer = {"", "Data goes to ./data/ingestion.db and logs to ./logs unless ingestion.yml says otherwise.",
        "Run 'ingestion help COMMAND' for a command's options."})
public final class Main {
  static final int EXIT_FATAL = 1;

  /** The subcommands, in the order help lists them. */
  private static final List<Class<?>> COMMANDS = List.of(IngestCommand.class, StatusCommand.class,
      ServeCommand.class, ApiCommand.class, WorkerCommand.class, ExportCommand.class, SearchCommand.class,
      BackupCommand.class, RestoreCommand.class, ReportCommand.class, UsersCommand.class, KeysCommand.class,
      IpsCommand.class, VerifyCommand.class, DbCommand.class, SourcesCommand.class, SinkCommand.class,
      CommandLine.HelpCommand.class);

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The whole command tree, every subcommand included. */
  static CommandLine commandLine() {
    return commandLine("");
  }

  /**
   * The command tree for these arguments. Building a command's model costs reflection over all its options,
   * so when the first argument names a command (other than {@code help}) only that one is built, and
   * {@code --version} builds none; anything else (no arguments, {@code --help}, {@code help}, a mistyped
   * name) gets the whole tree.
   */
  private static CommandLine commandLine(String first) {
    CommandLine cli = new CommandLine(new Main(), new Factory());
    if ("-V".equals(first) || "--version".equals(first)) {
      return cli;
    }
    List<Class<?>> named = "help".equals(first) ? List.of()
        : COMMANDS.stream().filter(c -> nameOf(c).equals(first)).toList();
    for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
      cli.addSubcommand(command);
    }
    return cli;
  }

  /**
   * Makes commands, mixins, converters and option collections. picocli's own factory first looks for
   * Groovy on the class path, and that miss opens every jar of lib/ (a fifth of a quick command's start).
   */
  private static final class Factory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (!type.isInterface()) {
        Constructor<K> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
      }
      Object made;
      if (type == List.class || type == Collection.class) {
        made = new ArrayList<>();
      } else if (type == Set.class) {
        made = new LinkedHashSet<>();
      } else if (type == SortedSet.class || type == NavigableSet.class) {
        made = new TreeSet<>();
      } else if (type == Map.class) {
        made = new LinkedHashMap<>();
      } else if (type == SortedMap.class || type == NavigableMap.class) {
        made = new TreeMap<>();
      } else if (type == Queue.class || type == Deque.class) {
        made = new ArrayDeque<>();
      } else {
        return CommandLine.defaultFactory().create(type);
      }
      return type.cast(made);
    }
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  static int run(String... args) {
    CommandLine cli = commandLine(args.length > 0 ? args[0] : "");
    // Descriptions are single sentences or paragraphs: picocli wraps them to the terminal's width.
    cli.setUsageHelpAutoWidth(true);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, cmd.getErr()));
    return cli.execute(args);
  }

  /** Writes a command's failure as one "error:" line (with the stack trace when it is not ours); returns {@link #EXIT_FATAL}. */
  static int report(Throwable e, PrintWriter err) {
    err.println(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.AUTO).errorText("error: " + describe(e)));
    if (!(e instanceof IngestionException)) {
      e.printStackTrace(err);
    }
    err.flush();
    return EXIT_FATAL;
  }

  private static String describe(Throwable e) {
    if (e instanceof ConfigException) {
      return "configuration: " + e.getMessage();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
