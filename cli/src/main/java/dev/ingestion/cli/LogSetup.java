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

  /** The folder and level logging was last configured with, kept on the logging context. */
  private static final String CONFIGURED = "ingestion.log.configured";

  /**
   * Sets the properties logback.xml reads and configures logging with them. When nothing has logged yet,
   * the first use of the logging context reads logback.xml with these properties already set, so it is
   * read once, not twice (part of a quick command's start-up); a context made earlier is reconfigured.
   */
  static void configure(Path dir, String level) {
    String folder = dir.toAbsolutePath().toString();
    String upper = level.toUpperCase(Locale.ROOT);
    String wanted = folder + "|" + upper;
    System.setProperty("ingestion.log.dir", folder);
    System.setProperty("ingestion.log.level", upper);
    long before = System.currentTimeMillis();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Object configured = context.getObject(CONFIGURED);
    if (wanted.equals(configured) || configured == null && context.getBirthTime() >= before) {
      context.putObject(CONFIGURED, wanted);
      return;
    }
    context.reset();
    try {
      new ContextInitializer(context).autoConfig();
      context.putObject(CONFIGURED, wanted);
    } catch (JoranException e) {
      System.err.println("warning: logging could not be configured: " + e.getMessage());
    }
  }
}
