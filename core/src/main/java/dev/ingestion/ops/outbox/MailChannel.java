package dev.ingestion.ops.outbox;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/** Sends a plain-text e-mail through the configured SMTP server; the target is a comma-separated address list. */
public final class MailChannel implements Channel {
  public static final String NAME = "email";

  private final SmtpConfig config;
  private final Session session;
  private final Clock clock;

  public MailChannel(SmtpConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.session = Session.getInstance(properties(config), authenticator(config));
  }

  static Properties properties(SmtpConfig c) {
    String protocol = c.security() == SmtpConfig.Security.TLS ? "smtps" : "smtp";
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put("mail.transport.protocol", protocol);
    props.put(p + "host", c.host());
    props.put(p + "port", Integer.toString(c.port()));
    props.put(p + "auth", Boolean.toString(c.user() != null));
    String millis = Long.toString(c.timeout().toMillis());
    props.put(p + "connectiontimeout", millis);
    props.put(p + "timeout", millis);
    props.put(p + "writetimeout", millis);
    if (c.security() == SmtpConfig.Security.STARTTLS) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    if (c.security() != SmtpConfig.Security.NONE) {
      props.put(p + "ssl.checkserveridentity", "true");
    }
    return props;
  }

  private static Authenticator authenticator(SmtpConfig c) {
    if (c.user() == null) {
      return null;
    }
    return new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(c.user(), c.password() == null ? "" : c.password());
      }
    };
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Delivery send(String target, String subject, String body) {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(config.from(), true));
      message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(target, true));
      message.setSubject(subject, StandardCharsets.UTF_8.name());
      message.setText(body, StandardCharsets.UTF_8.name());
      message.setSentDate(Date.from(clock.instant()));
      Transport.send(message);
      return new Delivery(true, "accepted by " + config.host() + ":" + config.port() + " for " + target);
    } catch (MessagingException e) {
      return new Delivery(false, config.host() + ":" + config.port() + ": " + e);
    }
  }
}
