package dev.ingestion.security;

import dev.ingestion.model.IngestionException;
import dev.ingestion.store.AuditRepository;
import dev.ingestion.store.AuditRepository.AuditRow;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The audit trail of state-changing API calls: who, when, what, on what, and before/after where it matters. */
public final class AuditTrail {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
  private static final int MAX_STATE = 4000;

  private final AuditRepository repository;

  public AuditTrail(AuditRepository repository) {
    this.repository = repository;
  }

  /** Writes an entry; a failure to write it is logged at error level, the call it records has happened. */
  public void record(AuditRow row) {
    try {
      repository.add(new AuditRow(0, row.at(), row.actor(), row.actorRole(), row.client(), row.method(), row.path(),
          clip(row.target()), row.status(), clip(row.before()), clip(row.after())));
    } catch (IngestionException e) {
      LOG.error("cannot write the audit entry for {} {} by {}: {}", row.method(), row.path(), row.actor(), e.getMessage());
    }
  }

  public List<AuditRow> latest(int limit) {
    return repository.latest(limit);
  }

  private static String clip(String s) {
    return s == null || s.length() <= MAX_STATE ? s : s.substring(0, MAX_STATE) + "...";
  }
}
