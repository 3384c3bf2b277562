package dev.ingestion.ops.outbox;

/** One way of delivering a notification: a webhook, e-mail. */
public interface Channel {
  /** The value of the outbox's {@code channel} column this channel delivers. */
  String name();

  /** Tries once to deliver {@code body} (with {@code subject}, for e-mail) to {@code target}. Never throws. */
  Delivery send(String target, String subject, String body);

  /** How one attempt went: accepted or not, and the status, server reply or error. */
  record Delivery(boolean ok, String detail) {}
}
