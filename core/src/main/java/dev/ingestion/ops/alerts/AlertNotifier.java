package dev.ingestion.ops.alerts;

import dev.ingestion.store.AlertRepository.AlertRow;

/** Tells someone that an alert opened, escalated or resolved. */
public interface AlertNotifier {
  /** {@code event} is opened, escalated or resolved. Must not throw. */
  void notify(String event, AlertRow alert);

  AlertNotifier NONE = (event, alert) -> { };
}
