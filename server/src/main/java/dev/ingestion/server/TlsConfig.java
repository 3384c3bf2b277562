package dev.ingestion.server;

import java.nio.file.Path;

/**
 * Optional HTTPS: either a PKCS12 key store ({@code keystore} + {@code keystorePassword}) or PEM files
 * ({@code certificate} chain + unencrypted PKCS#8 {@code privateKey}). {@link #NONE} serves plain HTTP.
 */
public record TlsConfig(Path keystore, String keystorePassword, Path certificate, Path privateKey) {
  public static final TlsConfig NONE = new TlsConfig(null, null, null, null);

  public boolean enabled() {
    return keystore != null || certificate != null;
  }

  @Override
  public String toString() {
    return "TlsConfig[keystore=" + keystore + ", keystorePassword=" + (keystorePassword == null ? "null" : "****")
        + ", certificate=" + certificate + ", privateKey=" + privateKey + "]";
  }
}
