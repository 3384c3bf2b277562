package dev.ingestion.ops.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.NotFoundException;
import dev.ingestion.ops.alerts.ReconciliationRule;
import dev.ingestion.ops.reports.ReconciliationReport.SourceAccount;
import dev.ingestion.parse.ParseLimits;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.pipeline.PipelineFixture;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.AlertRepository.Firing;
import dev.ingestion.store.Database;
import dev.ingestion.store.ReconciliationRepository;
import dev.ingestion.testkit.Documents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciliation report on a real run; one subclass per database dialect. */
public abstract class ReconciliationContract {
  protected abstract Database openDatabase(Path dir, Clock clock);

  @TempDir Path dir;
  Database db;
  Pipeline pipeline;
  FileSystemSource source;
  ReconciliationReport report;

  @BeforeEach
  void run() throws Exception {
    db = openDatabase(dir, Clock.systemUTC());
    Path root = Files.createDirectories(dir.resolve("docs"));
    Documents.text(root.resolve("short.txt"), List.of("A short note."));
    Documents.text(root.resolve("long.txt"), List.of("word ".repeat(1_000)));
    Documents.corruptPdf(root.resolve("broken.pdf"));
    Documents.empty(root.resolve("empty.txt"));
    Files.createSymbolicLink(root.resolve("dangling.txt"), dir.resolve("nowhere.txt"));
    source = new FileSystemSource("docs", FileSystemSourceConfig.of(root));
    PipelineConfig d = PipelineConfig.defaults();
    ParseLimits limits = new ParseLimits(1_000, 5, 100, 100, Duration.ofSeconds(30));
    PipelineConfig config = new PipelineConfig(2, d.chunker(), limits, 1, d.retryBaseDelay(), d.retryMaxDelay(),
        d.lease(), d.heartbeat(), Duration.ofMillis(50), d.drainTimeout(), d.keepVersions(), d.isolation());
    pipeline = PipelineFixture.pipeline(db, config, List.of(source));
    PipelineFixture.ingest(pipeline, source, Duration.ofSeconds(60));
    report = new ReconciliationReport(new ReconciliationRepository(db), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void every_listed_item_is_completed_dead_lettered_or_skipped_and_truncation_is_counted() {
    SourceAccount a = report.generate("docs").sources().getFirst();
    assertThat(a.discovered()).isEqualTo(5);
    assertThat(a.completed()).isEqualTo(2);
    assertThat(a.truncated()).isEqualTo(1);
    assertThat(a.truncatedDocuments()).singleElement().satisfies(t -> {
      assertThat(t.externalId()).isEqualTo("long.txt");
      assertThat(t.charCount()).isBetween(900L, 1_000L);
    });
    assertThat(a.deadLettered()).isEqualTo(2);
    assertThat(a.deadLetteredByCategory()).isEqualTo(Map.of("corrupt", 1L, "empty", 1L));
    assertThat(a.skipped()).isEqualTo(1);
    assertThat(a.skippedByReason()).containsOnlyKeys("broken symbolic link");
    assertThat(a.inFlight()).isZero();
    assertThat(a.difference()).isZero();
    assertThat(report.generate(null).balanced()).isTrue();
  }

  @Test
  void a_document_whose_job_vanished_is_the_difference_and_raises_the_alert_until_it_is_requeued() {
    long id = db.withConnection(c -> db.sql(c).queryLong("SELECT id FROM documents WHERE external_id = 'short.txt'"));
    db.withConnection(c -> db.sql(c).update("UPDATE documents SET status = 'pending' WHERE id = ?", id));

    SourceAccount a = report.generate("docs").sources().getFirst();
    assertThat(a.difference()).isEqualTo(1);
    assertThat(a.discovered()).isEqualTo(a.completed() + a.deadLettered() + a.skipped() + a.inFlight() + a.difference());
    assertThat(a.unaccounted()).singleElement().satisfies(u -> {
      assertThat(u.documentId()).isEqualTo(id);
      assertThat(u.hasActiveJob()).isFalse();
    });
    List<Firing> firing = new ArrayList<>();
    new ReconciliationRule(report).evaluate(firing);
    assertThat(firing).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("reconciliation");
      assertThat(f.key()).isEqualTo("docs");
    });

    pipeline.queue().enqueue(id, "reconcile", 1, dev.ingestion.model.JobOverrides.NONE);
    assertThat(report.generate("docs").sources().getFirst().inFlight()).isEqualTo(1);
    List<Firing> after = new ArrayList<>();
    new ReconciliationRule(report).evaluate(after);
    assertThat(after).isEmpty();
  }

  @Test
  void a_skipped_item_that_later_becomes_a_regular_file_is_no_longer_skipped() throws Exception {
    Path link = dir.resolve("docs/dangling.txt");
    Files.delete(link);
    Files.writeString(link, "now a file");
    pipeline.discover(source, "test", null);
    SourceAccount a = report.generate("docs").sources().getFirst();
    assertThat(a.skipped()).isZero();
    assertThat(a.inFlight()).isEqualTo(1);
    assertThat(a.discovered()).isEqualTo(5);
  }

  @Test
  void an_unknown_source_is_not_found() {
    assertThatThrownBy(() -> report.generate("nope")).isInstanceOf(NotFoundException.class).hasMessageContaining("docs");
  }
}
