package dev.ingestion.ops.alerts;

import dev.ingestion.store.AlertRepository.Firing;
import java.time.Instant;
import java.util.List;

/** Further rules evaluated with the built-in ones (e.g. {@link SecurityAlertRules}). */
@FunctionalInterface
public interface RuleSet {
  List<Firing> evaluate(Instant now);
}
