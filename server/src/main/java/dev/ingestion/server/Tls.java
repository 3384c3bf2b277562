package dev.ingestion.server;

import dev.ingestion.model.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Builds Jetty's TLS context from a PKCS12 key store or from PEM certificate and key files. */
final class Tls {
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private Tls() {}

  static SslContextFactory.Server context(TlsConfig config) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    if (config.keystore() != null) {
      ssl.setKeyStorePath(config.keystore().toAbsolutePath().toString());
      ssl.setKeyStoreType("PKCS12");
      ssl.setKeyStorePassword(config.keystorePassword() == null ? "" : config.keystorePassword());
    } else {
      ssl.setKeyStore(fromPem(config));
      ssl.setKeyStorePassword(new String(IN_MEMORY));
    }
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    return ssl;
  }

  private static KeyStore fromPem(TlsConfig config) {
    try {
      List<? extends Certificate> chain;
      try (InputStream in = Files.newInputStream(config.certificate())) {
        chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      }
      if (chain.isEmpty()) {
        throw new ConfigException("server.tls.certificate: no certificate in " + config.certificate());
      }
      PrivateKey key = privateKey(Files.readString(config.privateKey(), StandardCharsets.US_ASCII),
          chain.get(0).getPublicKey().getAlgorithm());
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("server", key, IN_MEMORY, chain.toArray(new Certificate[0]));
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("server.tls: cannot read the PEM certificate/key (" + config.certificate() + ", "
          + config.privateKey() + "): " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(String pem, String algorithm) throws GeneralSecurityException {
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new ConfigException("server.tls.private_key: expected an unencrypted PKCS#8 PEM key ('BEGIN PRIVATE KEY');"
          + " convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem");
    }
    String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
        .replaceAll("\\s", "");
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }
}
