package dev.ingestion.ops.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ingestion.model.IngestionException;
import dev.ingestion.ops.Periods;
import dev.ingestion.store.AlertRepository.AlertRow;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The text of alert notifications: the JSON a webhook receives, and the subject and body of an e-mail
 * (what fired, its severity and priority, the numbers behind it, how to acknowledge it, where to look).
 */
final class AlertMessages {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final int SUBJECT_MAX = 160;

  private final URI publicUrl;
  private final int levels;

  AlertMessages(URI publicUrl, int levels) {
    this.publicUrl = publicUrl;
    this.levels = levels;
  }

  /** One escalation level being notified: its number (1-based) and its definition. */
  record Step(int number, EscalationConfig.Level level) {}

  /** {@code {"event": "opened|escalated|resolved", "alert": {...}}}. */
  String webhook(String event, AlertRow alert) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", event);
    body.put("alert", alert);
    return json(body);
  }

  /** {@code {"event": "escalation", "level": N, "level_name", "email", "alert": {...}}}. */
  String webhook(AlertRow alert, Step step) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", "escalation");
    body.put("level", step.number());
    body.put("level_name", step.level().name());
    body.put("email", step.level().email());
    body.put("alert", alert);
    return json(body);
  }

  String subject(String event, AlertRow alert, Step step) {
    String what = step != null ? "escalated to level " + step.number() + " (" + step.level().name() + ")"
        : event.equals("resolved") ? "resolved" : event;
    String s = String.format(Locale.ROOT, "[%s %s] %s %s: %s", priority(alert), alert.severity(), alert.rule(), what,
        alert.message());
    return s.length() <= SUBJECT_MAX ? s : s.substring(0, SUBJECT_MAX - 3) + "...";
  }

  String mailBody(String event, AlertRow alert, Step step) {
    StringBuilder b = new StringBuilder();
    b.append(headline(event, alert, step)).append("\n\n");
    b.append("What fired:  ").append(alert.message()).append('\n');
    b.append("Rule:        ").append(alert.rule()).append(" (").append(alert.key()).append(")\n");
    b.append("Severity:    ").append(alert.severity()).append('\n');
    b.append("Priority:    ").append(priority(alert)).append('\n');
    if (alert.value() != null) {
      b.append("Value:       ").append(number(alert.value())).append('\n');
    }
    if (alert.threshold() != null) {
      b.append("Threshold:   ").append(number(alert.threshold())).append('\n');
    }
    b.append("Status:      ").append(alert.status()).append('\n');
    b.append("First seen:  ").append(alert.firstSeenAt()).append('\n');
    b.append("Last seen:   ").append(alert.lastSeenAt()).append('\n');
    if (step != null) {
      b.append(String.format(Locale.ROOT, "%nEscalation level %d of %d (%s), %s after the alert first fired. Until the"
          + " alert is acknowledged or resolved, the next levels are told in turn.%n", step.number(), levels,
          step.level().name(), Periods.format(step.level().after())));
    }
    if (!event.equals("resolved") && alert.id() > 0) {
      b.append(acknowledge(alert));
    }
    b.append("\nConsole:     ").append(publicUrl).append("/console/#/alerts\n");
    if (alert.id() > 0) {
      b.append("Alert:       ").append(publicUrl).append("/alerts/").append(alert.id()).append('\n');
    }
    b.append("Health:      ").append(publicUrl).append("/health\n");
    return b.toString();
  }

  private static String headline(String event, AlertRow alert, Step step) {
    String id = alert.id() > 0 ? "Alert " + alert.id() : "Alert";
    if (step != null) {
      return id + " is still active and has been escalated to you.";
    }
    return switch (event) {
      case "resolved" -> id + " is resolved" + (alert.resolutionNotes() != null ? ": " + alert.resolutionNotes() : ".");
      case "escalated" -> id + " got worse: its severity is now " + alert.severity() + ".";
      default -> id + " opened.";
    };
  }

  private String acknowledge(AlertRow alert) {
    return "\nTo acknowledge (stops the escalation; an operator key is needed):\n"
        + "  curl -X POST \"" + publicUrl + "/alerts/" + alert.id() + "/acknowledge\" \\\n"
        + "    -H \"Authorization: Bearer $INGESTION_API_KEY\" -H \"Content-Type: application/json\" \\\n"
        + "    -d '{\"acknowledged_by\": \"YOUR NAME\", \"notes\": \"investigating\"}'\n"
        + "or on the console's Alerts page.\n";
  }

  private static String priority(AlertRow alert) {
    return alert.priority() == null ? "-" : alert.priority();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String json(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IngestionException("cannot write an alert notification as JSON: " + e.getMessage(), e);
    }
  }
}
