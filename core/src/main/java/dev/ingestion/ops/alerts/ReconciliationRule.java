package dev.ingestion.ops.alerts;

import dev.ingestion.ops.reports.ReconciliationReport;
import dev.ingestion.ops.reports.ReconciliationReport.SourceAccount;
import dev.ingestion.store.AlertRepository.Firing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fires, per source, when the reconciliation does not balance: documents whose status and rows disagree
 * are work that may have been lost. Clears by itself once the difference is back to zero.
 */
public final class ReconciliationRule implements RuleSet {
  public static final String RULE = "reconciliation";

  private final ReconciliationReport report;

  public ReconciliationRule(ReconciliationReport report) {
    this.report = report;
  }

  @Override
  public List<Firing> evaluate(Instant now) {
    List<Firing> out = new ArrayList<>();
    evaluate(out);
    return out;
  }

  public void evaluate(List<Firing> out) {
    for (SourceAccount a : report.generate(null).sources()) {
      if (!a.balanced()) {
        out.add(new Firing(RULE, a.source(), Severity.HIGH.dbValue(), String.format(Locale.ROOT,
            "source '%s' does not reconcile: %d of %d discovered documents are neither completed, dead-lettered,"
                + " skipped nor in flight; see GET /reports/reconcile?source=%s", a.source(), a.difference(),
            a.discovered(), a.source()), (double) a.difference(), 0.0));
      }
    }
  }
}
