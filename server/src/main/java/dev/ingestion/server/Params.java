package dev.ingestion.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ingestion.config.Units;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Collection;

/** Reads and validates request parameters and bodies; every rejection says what a valid value is. */
public final class Params {
  private static final Duration MAX_PERIOD = Duration.ofDays(3650);
  private static final ObjectMapper MAPPER = Json.mapper();

  private Params() {}

  public static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException("invalid_parameter", name + " must be a whole number between " + min + " and " + max + ", got '" + clip(raw) + "'");
    }
    if (value < min || value > max) {
      throw new BadRequestException("invalid_parameter", name + " must be between " + min + " and " + max + ", got " + value);
    }
    return (int) value;
  }

  public static long longPath(Context ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      long v = Long.parseLong(raw);
      if (v < 1) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadRequestException("invalid_id", name + " must be a positive whole number, got '" + clip(raw) + "'");
    }
  }

  /** A look-back window such as {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}; at most 10 years. */
  public static Duration period(Context ctx, String name, Duration fallback) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    Duration d = Units.PERIOD.parse(raw);
    if (d == null) {
      throw new BadRequestException("invalid_period", name + " must look like 30m, 24h, 7d or 2w, got '" + clip(raw) + "'");
    }
    if (d.isZero() || d.compareTo(MAX_PERIOD) > 0) {
      throw new BadRequestException("invalid_period", name + " must be more than zero and at most 3650d, got '" + clip(raw) + "'");
    }
    return d;
  }

  /** Parses the JSON body into {@code type}; an empty body gives {@code fallback} when not null. */
  public static <T> T body(Context ctx, Class<T> type, T fallback) {
    String text = ctx.body();
    if (text.isBlank()) {
      if (fallback != null) {
        return fallback;
      }
      throw new BadRequestException("missing_body", "this endpoint needs a JSON body");
    }
    try {
      T value = MAPPER.readValue(text, type);
      if (value == null) {
        throw new BadRequestException("invalid_json", "the body must be a JSON object, not null");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw new BadRequestException("unknown_field", "unknown field '" + clip(e.getPropertyName()) + "'; allowed: "
          + e.getKnownPropertyIds());
    } catch (MismatchedInputException e) {
      throw new BadRequestException("invalid_field", mismatch(e));
    } catch (JsonProcessingException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof InputCoercionException) {
          throw new BadRequestException("invalid_field", "a number in the body is out of range for its field");
        }
      }
      throw new BadRequestException("invalid_json", "the body is not valid JSON: "
          + ErrorMapper.clean(e.getOriginalMessage().split("\n")[0]));
    }
  }

  /**
   * What a field should have been, in JSON's words: Jackson's own message names the Java class it was
   * reading into, which is none of a client's business.
   */
  private static String mismatch(MismatchedInputException e) {
    String field = null;
    for (int i = e.getPath().size() - 1; i >= 0 && field == null; i--) {
      field = e.getPath().get(i).getFieldName();
    }
    String expected = jsonKind(e.getTargetType());
    if (field == null) {
      return "the body must be " + expected;
    }
    return "field '" + clip(field) + "' must be " + expected;
  }

  private static String jsonKind(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class && type != char.class)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == Character.class || type == char.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a JSON array";
    }
    if (JsonNode.class.isAssignableFrom(type)) {
      return "a JSON value";
    }
    return "a JSON object";
  }

  /**
   * A validity such as {@code "24h"}, {@code "30m"}, {@code "7d"}, {@code "2w"}, {@code "90s"}, or a number of
   * seconds ({@code 3600} or {@code "3600"}); null when absent (no expiry). At most 10 years.
   */
  public static Duration expiry(String field, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.isIntegralNumber() || value.isTextual() ? value.asText() : "?";
    Duration d = Units.VALIDITY.parse(text);
    if (d == null) {
      throw new BadRequestException("invalid_field", field + " must be a number of seconds or look like 90s, 30m, 24h,"
          + " 7d or 2w, got '" + clip(value.toString()) + "'");
    }
    if (d.isZero() || d.compareTo(MAX_PERIOD) > 0) {
      throw new BadRequestException("invalid_field", field + " must be more than zero and at most 3650d");
    }
    return d;
  }

  /** The longest part of a client's input repeated in an answer or a log line. */
  public static final int ECHO = 100;

  /** {@code s} cut to {@value #ECHO} characters, unprintable ones replaced: for echoing client input. */
  public static String clip(String s) {
    if (s == null) {
      return "";
    }
    String t = s.length() > ECHO ? s.substring(0, ECHO) + "..." : s;
    return t.replaceAll("[^\\p{Print}]", "?");
  }
}
