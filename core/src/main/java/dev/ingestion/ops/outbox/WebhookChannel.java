package dev.ingestion.ops.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs the JSON body to the target URL; any 2xx delivers it. */
public final class WebhookChannel implements Channel {
  public static final String NAME = "webhook";

  private final HttpClient http;
  private final Duration timeout;

  public WebhookChannel(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Delivery send(String target, String subject, String body) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(timeout)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Delivery(status >= 200 && status < 300, "HTTP " + status);
    } catch (IOException | IllegalArgumentException e) {
      return new Delivery(false, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Delivery(false, "interrupted");
    }
  }
}
