package dev.ingestion.security;

import dev.ingestion.model.InvalidInputException;
import java.util.Locale;

/** What a user may do: viewers read, operators also act on the pipeline, admins also manage the system. */
public enum Role {
  VIEWER, OPERATOR, ADMIN;

  /** True when this role may do what {@code required} may. */
  public boolean covers(Role required) {
    return ordinal() >= required.ordinal();
  }

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String text) {
    if (text != null) {
      for (Role r : values()) {
        if (r.dbValue().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return r;
        }
      }
    }
    throw new InvalidInputException("role must be viewer, operator or admin, got '" + clip(text) + "'");
  }

  static String clip(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
