package dev.ingestion.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.FeedCursor;
import dev.ingestion.store.ChangeFeedRepository;
import dev.ingestion.store.Database;
import dev.ingestion.store.FeedChange;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingestion export}: the chunk change feed, offline, as JSON lines. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {
        "Write the chunk change feed after a cursor as JSON lines: one upsert or delete per line, in commit order, "
            + "the same objects GET /chunks/changes returns.",
        "Applying every line in order to an index that was in sync at CURSOR brings it in sync with the current "
            + "chunks; --since 0 exports everything.",
        "The cursor to pass next time is printed last on stderr: 'next cursor: N'."},
    footer = {"", "Examples:",
        "  ingestion export --since 0 --out chunks.jsonl",
        "  ingestion export --since 1042 | my-indexer"})
final class ExportCommand implements Callable<Integer> {
  private static final int PAGE = 1_000;
  private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

  @Mixin CommonOptions common;

  @Option(names = "--since", paramLabel = "CURSOR", defaultValue = "0",
      description = "Start after this cursor (a next cursor printed by an earlier export or the API; default 0, everything).")
  String since;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
      description = "Output format; jsonl (one JSON object per line) is the only one.")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path out;

  @Option(names = "--no-progress", description = "Do not report progress on stderr.")
  boolean noProgress;

  @Override
  public Integer call() throws IOException {
    if (!"jsonl".equals(format)) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--format must be jsonl, got '" + format + "'");
    }
    FeedCursor cursor = FeedCursor.parse(since);
    IngestionConfig cfg = common.load();
    try (Database db = CommonOptions.openExisting(cfg); Writer w = open()) {
      ChangeFeedRepository feed = new ChangeFeedRepository(db);
      FeedCursor next = export(feed, cursor, w);
      w.flush();
      System.err.println("next cursor: " + next);
    }
    return 0;
  }

  private FeedCursor export(ChangeFeedRepository feed, FeedCursor from, Writer w) throws IOException {
    ObjectMapper json = new ObjectMapper();
    long written = 0;
    long lastReport = System.nanoTime();
    FeedCursor at = from;
    ChangeFeedRepository.Page page;
    do {
      page = feed.read(at, PAGE);
      for (FeedChange change : page.changes()) {
        w.write(json.writeValueAsString(change.asMap()));
        w.write('\n');
      }
      written += page.changes().size();
      at = page.next();
      if (!noProgress && System.nanoTime() - lastReport > PROGRESS_EVERY_NANOS) {
        System.err.printf(Locale.ROOT, "exported %,d changes (cursor %s of %d)%n", written, at, page.headSeq());
        lastReport = System.nanoTime();
      }
    } while (page.hasMore());
    System.err.printf(Locale.ROOT, "exported %,d changes%n", written);
    return at;
  }

  private Writer open() throws IOException {
    if (out == null) {
      return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
        @Override
        public void close() throws IOException {
          flush();
        }
      };
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
  }
}
