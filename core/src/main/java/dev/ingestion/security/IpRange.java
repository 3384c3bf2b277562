package dev.ingestion.security;

import dev.ingestion.model.InvalidInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address or CIDR range ({@code 192.168.1.100}, {@code 10.0.0.0/8}, {@code 2001:db8::/32}).
 * Only literal addresses are accepted, so parsing never performs a DNS lookup.
 */
public record IpRange(byte[] network, int prefixLength) {
  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  public static IpRange parse(String text) {
    String t = text == null ? "" : text.trim();
    int slash = t.indexOf('/');
    String host = slash < 0 ? t : t.substring(0, slash);
    byte[] address = literal(host).orElseThrow(() -> new InvalidInputException(
        "ip must be an IPv4 or IPv6 address or a CIDR range such as 10.0.0.0/8, got '" + Role.clip(t) + "'"));
    int max = address.length * 8;
    int prefix = slash < 0 ? max : prefixLength(t.substring(slash + 1), max, t);
    return new IpRange(mask(address, prefix), prefix);
  }

  /** The bytes of a literal IP address, or empty for anything else (host names included). */
  public static Optional<byte[]> literal(String host) {
    if (host == null || !LITERAL.matcher(host).matches() || (!host.contains(":") && !host.contains("."))) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(host).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static int prefixLength(String text, int max, String whole) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException("the prefix length of '" + Role.clip(whole) + "' must be 0-" + max);
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int bit = prefix; bit < out.length * 8; bit++) {
      out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return out;
  }

  public boolean contains(byte[] address) {
    return address.length == network.length && java.util.Arrays.equals(mask(address, prefixLength), network);
  }

  /** The normalised form: {@code 10.0.0.0/8}, {@code 192.168.1.100/32}, {@code 2001:db8:0:0:0:0:0:0/32}. */
  public String cidr() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpRange r && r.prefixLength == prefixLength && java.util.Arrays.equals(r.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    return cidr();
  }
}
