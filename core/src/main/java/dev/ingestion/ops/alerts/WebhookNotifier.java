package dev.ingestion.ops.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ingestion.store.AlertRepository.AlertRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alert events as JSON to the webhook configured for the alert's severity (none configured: no
 * call). Sends asynchronously; a failing webhook is logged and counted, never retried in a loop.
 */
public final class WebhookNotifier implements AlertNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Map<Severity, URI> webhooks;
  private final HttpClient http;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public WebhookNotifier(Map<Severity, URI> webhooks, HttpClient http) {
    this.webhooks = Map.copyOf(webhooks);
    this.http = http;
  }

  @Override
  public void notify(String event, AlertRow alert) {
    URI target = webhooks.get(Severity.fromDb(alert.severity()));
    if (target == null) {
      return;
    }
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("event", event, "alert", alert));
    } catch (JsonProcessingException e) {
      LOG.warn("alert {} not sent: {}", alert.id(), e.getMessage());
      return;
    }
    HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
      if (error != null || response.statusCode() >= 300) {
        failed.incrementAndGet();
        LOG.warn("alert webhook {} for alert {} failed: {}", target.getHost(), alert.id(),
            error != null ? error.toString() : "HTTP " + response.statusCode());
      } else {
        sent.incrementAndGet();
      }
    });
  }

  public long sent() {
    return sent.get();
  }

  public long failed() {
    return failed.get();
  }
}
