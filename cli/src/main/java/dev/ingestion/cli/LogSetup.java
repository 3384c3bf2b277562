package dev.ingestion.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** Points logging at the configured folder once the configuration is known. */
final class LogSetup {
  private LogSetup() {}

  static void configure(Path dir, String level) {
    System.setProperty("ingestion.log.dir", dir.toAbsolutePath().toString());
    System.setProperty("ingestion.log.level", level.toUpperCase(Locale.ROOT));
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    try {
      new ContextInitializer(context).autoConfig();
    } catch (JoranException e) {
      System.err.println("warning: logging could not be configured: " + e.getMessage());
    }
  }
}
