package dev.ingestion.source.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The highest updated-column value seen, kept with its kind so it binds back as the column's type
 * (PostgreSQL will not compare a timestamp with text), plus when the last full listing ran.
 * Stored as three lines: kind, value, last full listing.
 */
record Watermark(String kind, String value, Instant lastFull) {

  static Optional<Watermark> parse(Optional<String> stored) {
    return stored.map(s -> s.split("\n", -1)).filter(p -> p.length == 3)
        .map(p -> new Watermark(p[0].isEmpty() ? null : p[0], p[1].isEmpty() ? null : p[1], Instant.parse(p[2])));
  }

  String format() {
    return (kind == null ? "" : kind) + "\n" + (value == null ? "" : value) + "\n" + lastFull;
  }

  /** A watermark value read from a row, or null when the column is null. */
  static Watermark of(Object columnValue, Instant lastFull) {
    return switch (columnValue) {
      case null -> new Watermark(null, null, lastFull);
      case Timestamp t -> new Watermark("instant", t.toInstant().toString(), lastFull);
      case OffsetDateTime t -> new Watermark("instant", t.toInstant().toString(), lastFull);
      case java.util.Date d -> new Watermark("instant", d.toInstant().toString(), lastFull);
      case Number n -> new Watermark("number", new BigDecimal(n.toString()).toPlainString(), lastFull);
      default -> new Watermark("text", columnValue.toString(), lastFull);
    };
  }

  /** The value as a point in time when it is one (for the item's modification time), else null. */
  Instant instant() {
    return "instant".equals(kind) ? Instant.parse(value) : null;
  }

  boolean isPresent() {
    return value != null;
  }

  /** The later of the two watermark values (this one's full-listing time is kept). */
  Watermark max(Watermark other) {
    if (!other.isPresent()) {
      return this;
    }
    if (!isPresent() || !other.kind.equals(kind) || compare(other) < 0) {
      return new Watermark(other.kind, other.value, lastFull);
    }
    return this;
  }

  private int compare(Watermark other) {
    return switch (kind) {
      case "instant" -> Instant.parse(value).compareTo(Instant.parse(other.value));
      case "number" -> new BigDecimal(value).compareTo(new BigDecimal(other.value));
      default -> value.compareTo(other.value);
    };
  }

  void bind(PreparedStatement statement, int index) throws SQLException {
    switch (kind) {
      case "instant" -> statement.setTimestamp(index, Timestamp.from(Instant.parse(value)));
      case "number" -> statement.setBigDecimal(index, new BigDecimal(value));
      default -> statement.setString(index, value);
    }
  }
}
