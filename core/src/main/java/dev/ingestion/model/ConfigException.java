package dev.ingestion.model;

/** The configuration is invalid; the message names the field and says how to fix it. */
public class ConfigException extends IngestionException {
  public ConfigException(String message) {
    super(message);
  }
}
