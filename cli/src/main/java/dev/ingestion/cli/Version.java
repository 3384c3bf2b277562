package dev.ingestion.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, or "development". */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"ingestion " + (v == null ? "0.1.0-SNAPSHOT" : v), "Java " + Runtime.version()};
  }
}
