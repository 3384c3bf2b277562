package dev.ingestion.pipeline;

import dev.ingestion.chunk.Chunker;
import dev.ingestion.embed.Embedder;
import dev.ingestion.parse.DocumentParser;
import dev.ingestion.parse.ParseLimits;
import dev.ingestion.source.Source;
import dev.ingestion.store.Database;
import dev.ingestion.store.JobQueue;
import dev.ingestion.store.ResultRepository;
import dev.ingestion.store.SourceRepository;
import dev.ingestion.store.StatusRepository;
import dev.ingestion.store.SyncRepository;
import dev.ingestion.store.WorkerRepository;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Random;
import java.util.function.Function;

/**
 * The pipeline's parts wired together over one database: discovery, the queue, the processor and
 * workers. Processes (the CLI, the server, a worker) build one and use what they need.
 */
public final class Pipeline {
  private final Database db;
  private final PipelineConfig config;
  private final SourceRegistry sources;
  private final JobQueue queue;
  private final Discovery discovery;
  private final Extraction extraction;
  private final RunStats stats = new RunStats();
  /** Shared by this process's workers: a copy of a file one of them completed is not parsed again. */
  private final ParsedCopies copies = new ParsedCopies(ParsedCopies.DEFAULT_BUDGET_BYTES);
  /** The workers of this process, for {@link #parsingUnavailable}. */
  private final List<Worker> workers = new CopyOnWriteArrayList<>();

  /**
   * How to extract, split and (optionally) embed: the parser for the configured limits, one for other
   * limits, the chunker, and the embedder with its batch size (null: embeddings off).
   */
  public record Extraction(DocumentParser parser, Function<ParseLimits, DocumentParser> parserForLimits, Chunker chunker,
      Embedder embedder, int embeddingBatch) {
    public Extraction(DocumentParser parser, Function<ParseLimits, DocumentParser> parserForLimits, Chunker chunker) {
      this(parser, parserForLimits, chunker, null, 0);
    }
  }

  public Pipeline(Database db, PipelineConfig config, List<Source> configuredSources, Extraction extraction) {
    this.db = db;
    this.config = config;
    this.sources = new SourceRegistry(configuredSources);
    this.queue = new JobQueue(db);
    this.discovery = new Discovery(new SourceRepository(db), new SyncRepository(db), config.maxAttempts());
    this.extraction = extraction;
  }

  /** The embedder chunks are embedded with, if embeddings are on (search embeds queries with it too). */
  public Optional<Embedder> embedder() {
    return Optional.ofNullable(extraction.embedder());
  }

  public Database database() {
    return db;
  }

  public PipelineConfig config() {
    return config;
  }

  public SourceRegistry sources() {
    return sources;
  }

  public JobQueue queue() {
    return queue;
  }

  public RunStats stats() {
    return stats;
  }

  public StatusRepository status() {
    return new StatusRepository(db);
  }

  public DiscoveryResult discover(Source source, String trigger, Discovery.Progress progress) {
    return discovery.run(source, trigger, progress);
  }

  /** A new worker over this pipeline (not started). */
  public Worker newWorker(String kind) {
    DocumentProcessor processor = new DocumentProcessor(new DocumentProcessor.ProcessorParts(
        new ResultRepository(db, config.keepVersions()), sources, extraction, config.parseLimits(),
        new RetryPolicy(config.maxAttempts(), config.retryBaseDelay(), config.retryMaxDelay(), new Random()),
        db.clock()), stats, copies);
    Worker worker = new Worker(WorkerConfig.from(kind, config), queue, new WorkerRepository(db), processor, db.clock());
    workers.add(worker);
    return worker;
  }

  /**
   * Why a running worker of this process cannot parse (no parser process can start, see {@link Worker}), for
   * the health check; empty while parsing works.
   */
  public Optional<String> parsingUnavailable() {
    workers.removeIf(Worker::stopped);
    return workers.stream().map(Worker::parsingUnavailable).flatMap(Optional::stream).findFirst();
  }
}
