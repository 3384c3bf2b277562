package dev.ingestion.ops.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.store.EscalationRepository;
import dev.ingestion.store.EscalationRepository.NewStep;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks active alerts through the escalation policy. An alert whose priority escalates takes each level
 * once, when the level's delay since the alert first fired has passed; acknowledging or resolving the
 * alert stops it. Each step is claimed in {@code alert_escalations} first, then its webhook is called
 * (synchronously, so the outcome is recorded with the step); an e-mail address is recorded on the step
 * and sent in the webhook body for the notifier that mails it.
 */
public final class AlertEscalator {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEscalator.class);
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final EscalationConfig config;
  private final AlertRepository alerts;
  private final EscalationRepository steps;
  private final HttpClient http;
  private final Clock clock;
  private final Supplier<Optional<AlertRow>> outage;
  private Instant outageSince;
  private int outageLevels;

  public AlertEscalator(EscalationConfig config, AlertRepository alerts, EscalationRepository steps, HttpClient http,
      Clock clock) {
    this(config, alerts, steps, http, clock, Optional::empty);
  }

  /**
   * {@code outage} is the in-memory alert of an unreachable database: it escalates too, its steps kept in
   * memory (the database that would record them is down) and logged.
   */
  public AlertEscalator(EscalationConfig config, AlertRepository alerts, EscalationRepository steps, HttpClient http,
      Clock clock, Supplier<Optional<AlertRow>> outage) {
    this.config = config;
    this.alerts = alerts;
    this.steps = steps;
    this.http = http;
    this.clock = clock;
    this.outage = outage;
  }

  /** What one pass did: steps taken, webhooks that accepted, webhooks that failed. */
  public record Outcome(int steps, int sent, int failed) {}

  public synchronized Outcome escalate() {
    Instant now = clock.instant();
    int[] counts = new int[3];
    Optional<AlertRow> down = outage.get();
    if (down.isPresent()) {
      escalateOutage(down.get(), now, counts);
      return new Outcome(counts[0], counts[1], counts[2]);
    }
    for (AlertRow alert : alerts.open()) {
      if (escalates(alert)) {
        escalate(alert, now, counts);
      }
    }
    return new Outcome(counts[0], counts[1], counts[2]);
  }

  private boolean escalates(AlertRow alert) {
    return alert.status().equals("active") && alert.priority() != null
        && config.escalate().contains(Priority.valueOf(alert.priority()));
  }

  private void escalate(AlertRow alert, Instant now, int[] counts) {
    Duration age = Duration.between(alert.firstSeenAt(), now);
    List<EscalationConfig.Level> levels = config.levels();
    for (int i = steps.lastLevel(alert.id()); i < levels.size() && levels.get(i).after().compareTo(age) <= 0; i++) {
      EscalationConfig.Level level = levels.get(i);
      long stepId = steps.claim(new NewStep(alert.id(), i + 1, level.name(),
          level.webhook() == null ? null : level.webhook().toString(), level.email()), now);
      if (stepId < 0) {
        continue;
      }
      counts[0]++;
      LOG.warn("alert {} [{}] escalated to level {} ({}) after {}", alert.id(), alert.priority(), i + 1, level.name(),
          age);
      if (level.webhook() != null) {
        Delivery d = post(alert, i + 1, level);
        steps.outcome(stepId, d.ok() ? "sent" : "failed", d.detail());
        counts[d.ok() ? 1 : 2]++;
      }
    }
  }

  private void escalateOutage(AlertRow alert, Instant now, int[] counts) {
    if (!alert.firstSeenAt().equals(outageSince)) {
      outageSince = alert.firstSeenAt();
      outageLevels = 0;
    }
    if (!escalates(alert)) {
      return;
    }
    Duration age = Duration.between(alert.firstSeenAt(), now);
    List<EscalationConfig.Level> levels = config.levels();
    for (; outageLevels < levels.size() && levels.get(outageLevels).after().compareTo(age) <= 0; outageLevels++) {
      EscalationConfig.Level level = levels.get(outageLevels);
      counts[0]++;
      Delivery d = level.webhook() == null ? new Delivery(true, "recorded") : post(alert, outageLevels + 1, level);
      if (level.webhook() != null) {
        counts[d.ok() ? 1 : 2]++;
      }
      LOG.error("database outage escalated to level {} ({}): {}", outageLevels + 1, level.name(), d.detail());
    }
  }

  /** How posting a step went: accepted (2xx) or not, and the status or error. */
  private record Delivery(boolean ok, String detail) {}

  private Delivery post(AlertRow alert, int number, EscalationConfig.Level level) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", "escalation");
    body.put("level", number);
    body.put("level_name", level.name());
    body.put("email", level.email());
    body.put("alert", alert);
    try {
      HttpRequest request = HttpRequest.newBuilder(level.webhook()).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Delivery(status < 300, "HTTP " + status);
    } catch (IOException e) {
      LOG.warn("escalation webhook {} for alert {} failed: {}", level.webhook().getHost(), alert.id(), e.toString());
      return new Delivery(false, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Delivery(false, "interrupted");
    }
  }
}
