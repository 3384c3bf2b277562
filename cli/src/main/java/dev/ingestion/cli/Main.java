package dev.ingestion.cli;

import dev.ingestion.model.ConfigException;
import dev.ingestion.model.IngestionException;
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
    subcommands = {IngestCommand.class, StatusCommand.class, ServeCommand.class, ApiCommand.class, WorkerCommand.class,
        ExportCommand.class, SearchCommand.class, BackupCommand.class, RestoreCommand.class, ReportCommand.class,
        UsersCommand.class, KeysCommand.class, IpsCommand.class, VerifyCommand.class, DbCommand.class,
        SourcesCommand.class, SinkCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Data goes to ./data/ingestion.db and logs to ./logs unless ingestion.yml says otherwise.",
        "Run 'ingestion help COMMAND' for a command's options."})
public final class Main {
  static final int EXIT_FATAL = 1;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    // Descriptions are single sentences or paragraphs: picocli wraps them to the terminal's width.
    cli.setUsageHelpAutoWidth(true);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println(cmd.getColorScheme().errorText("error: " + describe(e)));
      if (!(e instanceof IngestionException)) {
        e.printStackTrace(cmd.getErr());
      }
      return EXIT_FATAL;
    });
    return cli.execute(args);
  }

  private static String describe(Exception e) {
    if (e instanceof ConfigException) {
      return "configuration: " + e.getMessage();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
