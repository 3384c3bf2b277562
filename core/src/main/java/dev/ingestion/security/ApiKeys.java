package dev.ingestion.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API keys: {@code ingk_} and 43 base64url characters (256 random bits from SecureRandom). Only the
 * SHA-256 of a key is stored. A slow password hash is unnecessary: a 256-bit random key cannot be
 * guessed or brute-forced from its hash, unlike a human-chosen password.
 */
public final class ApiKeys {
  public static final String PREFIX = "ingk_";
  /** How many characters of a key are kept and shown to tell keys apart (prefix + 6 random characters). */
  public static final int SHOWN = PREFIX.length() + 6;
  private static final Pattern SHAPE = Pattern.compile("ingk_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeys() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** True when {@code text} has the shape of a key (checked before hashing anything a client sends). */
  public static boolean wellFormed(String text) {
    return text != null && SHAPE.matcher(text).matches();
  }

  public static String hash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The part of a key shown in lists and logs. */
  public static String shown(String key) {
    return key.substring(0, SHOWN);
  }
}
