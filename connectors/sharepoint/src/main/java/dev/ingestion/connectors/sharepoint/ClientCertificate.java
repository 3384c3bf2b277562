package dev.ingestion.connectors.sharepoint;

import dev.ingestion.model.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Enumeration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app registration's certificate credential: signs the client assertion (an RS256 JWT naming the
 * certificate by its SHA-1 and SHA-256 thumbprints) that Microsoft Entra ID accepts instead of a client
 * secret. Reads a PEM file holding an unencrypted PKCS#8 private key and its certificate, or a PKCS#12
 * file with its password.
 */
final class ClientCertificate {
  private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey key;
  private final X509Certificate certificate;

  private ClientCertificate(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** Loads {@code file} (PEM, or PKCS#12 when it ends in .p12/.pfx); errors name the config field. */
  static ClientCertificate load(Path file, String password) {
    try {
      String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      return name.endsWith(".p12") || name.endsWith(".pfx") ? pkcs12(file, password) : pem(file);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigException("certificate: cannot read " + file + " (" + e.getMessage() + "); give a PEM file with"
          + " the PKCS#8 private key and the certificate, or a .p12/.pfx file and certificate_password");
    }
  }

  private static ClientCertificate pem(Path file) throws IOException, GeneralSecurityException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    PrivateKey key = null;
    X509Certificate cert = null;
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      switch (m.group(1)) {
        case "PRIVATE KEY" -> key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        case "CERTIFICATE" -> cert = cert != null ? cert : (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(der));
        default -> throw new IllegalArgumentException("unsupported PEM block " + m.group(1)
            + " (convert the key with: openssl pkcs8 -topk8 -nocrypt)");
      }
    }
    if (key == null || cert == null) {
      throw new IllegalArgumentException("it must hold both a PRIVATE KEY and a CERTIFICATE block");
    }
    return new ClientCertificate(key, cert);
  }

  private static ClientCertificate pkcs12(Path file, String password) throws IOException, GeneralSecurityException {
    char[] pw = password == null ? new char[0] : password.toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, pw);
    }
    for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
      String alias = aliases.nextElement();
      if (store.isKeyEntry(alias)) {
        return new ClientCertificate((PrivateKey) store.getKey(alias, pw), (X509Certificate) store.getCertificate(alias));
      }
    }
    throw new IllegalArgumentException("it holds no private key entry");
  }

  /** A fresh client assertion for {@code clientId} at {@code audience} (the token URL), valid 10 minutes. */
  String assertion(String clientId, String audience, Instant now) {
    try {
      String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5t\":\"" + thumbprint("SHA-1") + "\",\"x5t#S256\":\""
          + thumbprint("SHA-256") + "\"}";
      String claims = "{\"aud\":\"" + json(audience) + "\",\"iss\":\"" + json(clientId) + "\",\"sub\":\"" + json(clientId)
          + "\",\"jti\":\"" + UUID.randomUUID() + "\",\"nbf\":" + now.getEpochSecond() + ",\"exp\":"
          + now.plusSeconds(600).getEpochSecond() + "}";
      String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
          + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the client assertion: " + e.getMessage(), e);
    }
  }

  private String thumbprint(String algorithm) throws GeneralSecurityException {
    return URL.encodeToString(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return "ClientCertificate[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
