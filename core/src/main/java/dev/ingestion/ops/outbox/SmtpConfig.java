package dev.ingestion.ops.outbox;

import java.time.Duration;

/**
 * The SMTP server alert e-mail goes through. {@code security}: NONE (plain, for a local relay), STARTTLS
 * (upgrade on the submission port, required: a server that does not offer it is refused) or TLS (implicit,
 * port 465). {@code user} null means no authentication.
 */
public record SmtpConfig(String host, int port, Security security, String user, String password, String from,
    Duration timeout) {

  /** How the connection is protected. */
  public enum Security {
    NONE,
    STARTTLS,
    TLS
  }

  @Override
  public String toString() {
    return "SmtpConfig[" + host + ":" + port + ", " + security + ", user " + user + ", from " + from + "]";
  }
}
