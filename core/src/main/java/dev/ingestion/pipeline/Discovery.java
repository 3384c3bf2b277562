package dev.ingestion.pipeline;

import dev.ingestion.model.DocumentStatus;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceException;
import dev.ingestion.source.SourceItem;
import dev.ingestion.source.SyncState;
import dev.ingestion.store.SourceRepository;
import dev.ingestion.store.SyncRepository;
import dev.ingestion.store.SyncRepository.ChangedDocument;
import dev.ingestion.store.SyncRepository.KnownDocument;
import dev.ingestion.store.SyncRepository.MarkerUpdate;
import dev.ingestion.store.SyncRepository.NewDocument;
import dev.ingestion.store.SyncRepository.RunCounts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a source and reconciles it with the store: new and changed documents are queued, unchanged ones
 * cost nothing, documents no longer listed are marked deleted. If the listing fails part-way, nothing
 * is marked deleted (a source that is down is not a source that is empty). An incremental listing
 * (one that reports only changes) deletes only what the source names as deleted. The source's sync
 * cursor is saved only after its listing has been reconciled.
 */
public final class Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);
  private static final int BATCH = 500;
  /** The first batch is small so workers start while the rest of the source is still being listed. */
  private static final int FIRST_BATCH = 50;

  private final SourceRepository sources;
  private final SyncRepository sync;
  private final int maxAttempts;

  public Discovery(SourceRepository sources, SyncRepository sync, int maxAttempts) {
    this.sources = sources;
    this.sync = sync;
    this.maxAttempts = maxAttempts;
  }

  /** Progress callback: called after each batch with the number of items listed so far. */
  public interface Progress {
    void listed(long count);
  }

  public DiscoveryResult run(Source source, String trigger, Progress progress) {
    long sourceId = sources.ensure(source.name(), source.type(), source.location());
    long runId = sync.startRun(sourceId, trigger);
    Reconciler r = new Reconciler(sourceId, sync.known(sourceId), progress);
    StagedSyncState state = new StagedSyncState(sourceId);
    String error = null;
    try {
      source.list(r, state);
      r.flush();
      r.markMissing();
      sync.recordSkipped(sourceId, r.skippedReasons, !r.incremental);
      state.commit();
    } catch (SourceException e) {
      r.flush();
      sync.recordSkipped(sourceId, r.skippedReasons, false);
      error = e.getMessage();
      LOG.error("listing source '{}' failed: {}", source.name(), e.getMessage());
      if (e.category() == FailureCategory.PERMISSION_DENIED && sources.pause(sourceId, e.getMessage())) {
        LOG.warn("source '{}' paused: it refused our credentials; fix them, then resume it (POST /sources/{}/resume"
            + " or `ingestion sources resume {}`)", source.name(), source.name(), source.name());
      }
    }
    RunCounts counts = r.counts();
    sync.finishRun(runId, counts, error);
    LOG.info("discovered {} in '{}': {} new, {} changed, {} unchanged, {} deleted, {} skipped", counts.discovered(),
        source.name(), counts.added(), counts.changed(), counts.unchanged(), counts.deleted(), counts.skipped());
    return new DiscoveryResult(source.name(), counts.discovered(), counts.added(), counts.changed(),
        counts.unchanged(), counts.deleted(), counts.skipped(), error);
  }

  /** Hands the source its stored cursor; holds a new one back until the listing is reconciled. */
  private final class StagedSyncState implements SyncState {
    private final long sourceId;
    private String pending;

    StagedSyncState(long sourceId) {
      this.sourceId = sourceId;
    }

    @Override
    public Optional<String> load() {
      return pending != null ? Optional.of(pending) : sources.syncState(sourceId);
    }

    @Override
    public void save(String state) {
      pending = state;
    }

    void commit() {
      if (pending != null) {
        sources.saveSyncState(sourceId, pending);
      }
    }
  }

  private final class Reconciler implements ListingListener {
    private final long sourceId;
    private final Map<String, KnownDocument> known;
    private final Progress progress;
    private final Set<String> seen = new HashSet<>();
    private final Set<String> reportedDeleted = new HashSet<>();
    private boolean incremental;
    private final List<SyncRepository.Change> batch = new ArrayList<>();
    private long discovered;
    private long added;
    private long changed;
    private long unchanged;
    private long deleted;
    private long skipped;
    private final Map<String, String> skippedReasons = new java.util.LinkedHashMap<>();

    Reconciler(long sourceId, Map<String, KnownDocument> known, Progress progress) {
      this.sourceId = sourceId;
      this.known = known;
      this.progress = progress;
    }

    @Override
    public void item(SourceItem item) {
      if (!seen.add(item.externalId())) {
        return;
      }
      discovered++;
      KnownDocument doc = known.get(item.externalId());
      if (doc == null) {
        added++;
        batch.add(new NewDocument(item));
      } else {
        decide(doc, item);
      }
      if (batch.size() >= (discovered <= FIRST_BATCH ? FIRST_BATCH : BATCH)) {
        flush();
      }
    }

    private void decide(KnownDocument doc, SourceItem item) {
      switch (doc.status()) {
        case DELETED -> {
          changed++;
          batch.add(new ChangedDocument(doc.id(), item, "restored"));
        }
        case PENDING, PROCESSING, FAILED -> {
          unchanged++;
          if (!Objects.equals(doc.changeMarker(), item.changeMarker())) {
            batch.add(new MarkerUpdate(doc.id(), item));
          }
        }
        case COMPLETED, DEAD_LETTER -> {
          if (Objects.equals(doc.processedMarker(), item.changeMarker())) {
            unchanged++;
          } else {
            changed++;
            batch.add(new ChangedDocument(doc.id(), item, "changed"));
          }
        }
      }
    }

    @Override
    public void skipped(String externalId, String reason) {
      if (skippedReasons.put(externalId, reason) == null) {
        skipped++;
      }
      LOG.debug("skipped {}: {}", externalId, reason);
    }

    @Override
    public void incremental() {
      incremental = true;
    }

    @Override
    public void deleted(String externalId) {
      seen.remove(externalId);
      reportedDeleted.add(externalId);
    }

    void flush() {
      sync.apply(sourceId, batch, maxAttempts);
      batch.clear();
      if (progress != null) {
        progress.listed(discovered);
      }
    }

    void markMissing() {
      List<Long> gone = new ArrayList<>();
      known.forEach((externalId, doc) -> {
        boolean missing = incremental ? reportedDeleted.contains(externalId) && !seen.contains(externalId)
            : !seen.contains(externalId);
        if (missing && doc.status() != DocumentStatus.DELETED) {
          gone.add(doc.id());
        }
      });
      sync.markDeleted(gone);
      deleted = gone.size();
    }

    RunCounts counts() {
      return new RunCounts(discovered, added, changed, unchanged, deleted, skipped);
    }
  }
}
