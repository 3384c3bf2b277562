package dev.ingestion.pipeline;

import dev.ingestion.chunk.Chunker;
import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentException;
import dev.ingestion.model.SourceAccessDeniedException;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.Failure;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Job;
import dev.ingestion.model.ParserUnavailableException;
import dev.ingestion.model.Stage;
import dev.ingestion.model.StageTimings;
import dev.ingestion.model.WorkStoppedException;
import dev.ingestion.parse.DocumentParser;
import dev.ingestion.parse.ParseLimits;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.Source;
import dev.ingestion.store.AttemptRecord;
import dev.ingestion.store.NewVersion;
import dev.ingestion.store.ResultRepository;
import dev.ingestion.store.WorkItem;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one leased job: fetch, hash (an unchanged hash ends it there), parse, chunk, store; a copy of a
 * file this process completed earlier (same bytes, same name) takes that file's result ({@link ParsedCopies})
 * instead of the parse and chunk. Any
 * failure of the document is classified once and turned into a retry or a dead-letter item. Only the
 * pipeline's own outages escape, with nothing recorded: the parser processes cannot start
 * ({@link ParserUnavailableException}, for the worker to hand the job back) or the worker is stopping.
 */
public final class DocumentProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentProcessor.class);
  /**
   * One ERROR line per dead letter (source, document, category, stage, message): the shipped logging
   * sends this logger to application.log and error.log, not to the console.
   */
  private static final Logger DEAD_LETTERS = LoggerFactory.getLogger("dead-letter");

  private final ResultRepository results;
  private final SourceRegistry sources;
  private final DocumentParser parser;
  private final Function<ParseLimits, DocumentParser> parserForLimits;
  private final ParseLimits limits;
  private final Chunker chunker;
  private final RetryPolicy retry;
  private final RunStats stats;
  private final Clock clock;
  private final EmbeddingStage embedding;
  private final ParsedCopies copies;

  /** A processor with copies of its own (tests); the pipeline's workers share one ({@link Pipeline}). */
  public DocumentProcessor(ProcessorParts parts, RunStats stats) {
    this(parts, stats, new ParsedCopies(ParsedCopies.DEFAULT_BUDGET_BYTES));
  }

  DocumentProcessor(ProcessorParts parts, RunStats stats, ParsedCopies copies) {
    this.copies = copies;
    this.results = parts.results();
    this.sources = parts.sources();
    Pipeline.Extraction extraction = parts.extraction();
    this.parser = extraction.parser();
    this.parserForLimits = extraction.parserForLimits();
    this.limits = parts.limits();
    this.chunker = extraction.chunker();
    this.retry = parts.retry();
    this.stats = stats;
    this.clock = parts.clock();
    this.embedding = extraction.embedder() == null ? null
        : new EmbeddingStage(extraction.embedder(), extraction.embeddingBatch());
  }

  /**
   * Everything the processor uses, grouped so the constructor stays readable: where results go, the
   * sources, how to extract, split and embed ({@link Pipeline.Extraction}), the configured parse limits, the
   * retry policy and the clock.
   */
  public record ProcessorParts(ResultRepository results, SourceRegistry sources, Pipeline.Extraction extraction,
      ParseLimits limits, RetryPolicy retry, Clock clock) {}

  private static final class Attempt {
    final Instant started;
    Instant storeStarted;
    StageTimings timings = StageTimings.NONE;
    Stage stage = Stage.FETCH;
    String marker;
    long bytes;

    Attempt(Instant started, String marker) {
      this.started = started;
      this.marker = marker;
    }

    AttemptRecord record(String workerId) {
      return new AttemptRecord(workerId, started, marker, bytes, timings, storeStarted);
    }
  }

  public void process(Job job, String workerId) {
    process(job, workerId, null);
  }

  /**
   * Processes {@code job}; with {@code claimNextLease}, a successful completion also claims this worker's
   * next job in its transaction and returns it (leased to {@code workerId}, for the caller to process), else
   * null. Throws {@link ParserUnavailableException}, having recorded nothing, when no parser process can
   * start: the caller hands the job back.
   */
  public Job process(Job job, String workerId, Duration claimNextLease) {
    WorkItem item = results.workItem(job.documentId()).orElse(null);
    if (item == null) {
      LOG.warn("job {} points at missing document {}", job.id(), job.documentId());
      return null;
    }
    Attempt attempt = new Attempt(clock.instant(), item.changeMarker());
    try {
      if (job.attempts() > job.maxAttempts() + 2) {
        throw new DocumentException(Stage.PARSE, FailureCategory.RESOURCE_EXHAUSTED, false,
            "the worker stopped (crash, kill or out of memory) during " + (job.attempts() - 1)
                + " attempts on this document; it is parked so it cannot take more workers down", null);
      }
      return run(job, workerId, item, attempt, claimNextLease);
    } catch (SourceAccessDeniedException e) {
      pauseSource(job, workerId, item, attempt, FailureClassifier.classify(e, attempt.stage));
    } catch (WorkStoppedException e) {
      stopped(job, item, e);
    } catch (ParserUnavailableException e) {
      throw e;
    } catch (Throwable t) {
      if (Thread.currentThread().isInterrupted()) {
        // Only the worker's own stop interrupts a processing thread: not the document's failure.
        stopped(job, item, t);
        return null;
      }
      Failure failure = FailureClassifier.classify(t, attempt.stage);
      fail(job, workerId, item, attempt, failure);
      if (t instanceof Error && !(t instanceof OutOfMemoryError) && !(t instanceof StackOverflowError)) {
        throw (Error) t;
      }
    }
    return null;
  }

  private Job run(Job job, String workerId, WorkItem item, Attempt attempt, Duration claimNextLease)
      throws IOException {
    Source source = sources.resolve(item);
    long t0 = System.nanoTime();
    try (FetchedContent content = source.fetch(item.externalId())) {
      attempt.marker = content.changeMarker();
      attempt.bytes = content.size();
      attempt.stage = Stage.HASH;
      String hash = sha256(content);
      attempt.timings = attempt.timings.withFetch(since(t0));
      if (hash.equals(item.currentContentHash()) && item.currentVersionId() != null) {
        if (results.completeUnchanged(job, attempt.record(workerId))) {
          stats.recordUnchanged(content.size());
        } else {
          stats.recordLeaseLost();
        }
        return null;
      }
      boolean ownLimits = !job.overrides().isEmpty(); // parsed, never taken from a copy nor kept for one
      NewVersion version = ownLimits ? null
          : copies.copyOf(hash, content.fileName(), content.size(), content.metadata());
      boolean copied = version != null;
      if (!copied) {
        version = extract(job, item, content, hash, attempt);
      }
      List<Chunk> chunks = version.chunks();
      attempt.stage = Stage.STORE;
      attempt.storeStarted = clock.instant();
      ResultRepository.Completed completed = results.complete(job, attempt.record(workerId), version, claimNextLease);
      if (completed.saved()) {
        if (copied) {
          stats.recordCopy(version.vectors().reused());
        } else if (!ownLimits) {
          copies.keep(content.fileName(), version);
        }
        stats.recordCompleted(chunks.size(), content.size());
        LOG.debug("completed {} ({} chunks)", item.externalId(), chunks.size());
      } else {
        stats.recordLeaseLost();
        LOG.info("lease on {} was lost before saving; another worker owns it now", item.externalId());
      }
      return completed.next();
    }
  }

  /** Parse, chunk and embed: the version a document's bytes give. */
  private NewVersion extract(Job job, WorkItem item, FetchedContent content, String hash, Attempt attempt)
      throws IOException {
    ExtractedDocument doc = parse(job, content, attempt);
    attempt.stage = Stage.CHUNK;
    long t2 = System.nanoTime();
    List<Chunk> chunks = chunker.chunk(doc);
    attempt.timings = attempt.timings.withChunk(since(t2));
    NewVersion version = new NewVersion(hash, content.size(), doc.metadata(), doc.text().length(), doc.truncated(), chunks,
        content.metadata());
    return embed(item, version, attempt);
  }

  private NewVersion embed(WorkItem item, NewVersion version, Attempt attempt) {
    if (embedding == null || version.chunks().isEmpty()) {
      return version;
    }
    attempt.stage = Stage.EMBED;
    long t0 = System.nanoTime();
    NewVersion.Vectors vectors = embedding.embed(version.chunks(), results.embeddingsByHash(item.documentId()));
    stats.recordEmbeddings(vectors.computed(), vectors.reused(), System.nanoTime() - t0);
    return version.withVectors(vectors);
  }

  private ExtractedDocument parse(Job job, FetchedContent content, Attempt attempt) throws IOException {
    attempt.stage = Stage.PARSE;
    if (content.size() > limits.maxDocumentBytes()) {
      throw new DocumentException(Stage.PARSE, FailureCategory.TOO_LARGE, false, String.format(java.util.Locale.ROOT,
          "the document has %d bytes, more than pipeline.parse.max_document_bytes (%d)", content.size(),
          limits.maxDocumentBytes()), null);
    }
    DocumentParser p = parser;
    if (!job.overrides().isEmpty()) {
      p = parserForLimits.apply(limits.withTimeoutAndChars(
          job.overrides().parseTimeout() != null ? job.overrides().parseTimeout() : limits.timeout(),
          job.overrides().maxChars() != null ? job.overrides().maxChars() : limits.maxChars()));
    }
    long t1 = System.nanoTime();
    try {
      if (content.localFile().isPresent()) {
        return p.parse(content.localFile().get(), content.fileName(), content.size());
      }
      try (InputStream in = content.open()) {
        return p.parse(in, content.fileName(), content.size());
      }
    } finally {
      attempt.timings = attempt.timings.withParse(since(t1));
    }
  }

  private void pauseSource(Job job, String workerId, WorkItem item, Attempt attempt, Failure failure) {
    if (results.pauseSource(job, attempt.record(workerId), failure, item.sourceId())) {
      stats.recordRetry();
      LOG.warn("source '{}' paused: it refused access while fetching {}: {}; its queued documents wait until"
          + " it is resumed (POST /sources/{}/resume or `ingestion sources resume {}`)", item.sourceName(),
          item.externalId(), failure.message(), item.sourceName(), item.sourceName());
    } else {
      stats.recordLeaseLost();
    }
  }

  /** Our own stop cut the attempt short: nothing is recorded, the worker hands the job back. */
  private static void stopped(Job job, WorkItem item, Throwable why) {
    LOG.info("{}: stopped while processing (job {} goes back to the queue): {}", item.externalId(), job.id(),
        why.getMessage());
  }

  private void fail(Job job, String workerId, WorkItem item, Attempt attempt, Failure failure) {
    AttemptRecord record = attempt.record(workerId);
    boolean written;
    if (retry.shouldRetry(failure, job.attempts(), job.maxAttempts())) {
      Instant runAfter = clock.instant().plus(retry.delayAfter(job.attempts()));
      written = results.scheduleRetry(job, record, failure, runAfter);
      if (written) {
        stats.recordRetry();
      }
      LOG.info("{} failed ({}, attempt {}): {}; retry at {}", item.externalId(), failure.category().dbValue(),
          job.attempts(), failure.message(), runAfter);
    } else {
      written = results.deadLetter(job, record, failure, FailureClassifier.priorityFor(failure.category()));
      if (written) {
        stats.recordDeadLetter(failure.category());
      }
      if (written) {
        DEAD_LETTERS.error("dead letter: source={} document={} category={} stage={} attempts={}: {}", item.sourceName(),
            item.externalId(), failure.category().dbValue(), failure.stage().dbValue(), job.attempts(),
            oneLine(failure.message()));
      }
    }
    if (!written) {
      stats.recordLeaseLost();
    }
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("[\\r\\n]+", " ");
  }

  private static String sha256(FetchedContent content) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = content.open()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
