package dev.ingestion.source.jdbc;

import dev.ingestion.model.FailureCategory;
import java.sql.SQLException;

/** Classifies database errors by SQLSTATE, once, where they are caught. */
final class JdbcErrors {
  private JdbcErrors() {}

  static FailureCategory category(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("28") || state.equals("42501")) {
      return FailureCategory.PERMISSION_DENIED;
    }
    if (state.equals("42P01") || state.equals("3D000") || String.valueOf(e.getMessage()).contains("no such table")) {
      return FailureCategory.NOT_FOUND;
    }
    return FailureCategory.SOURCE_UNAVAILABLE;
  }

  static String describe(SQLException e) {
    String hint = switch (category(e)) {
      case PERMISSION_DENIED -> " (check user and password, and that the user may SELECT from the query's tables)";
      case NOT_FOUND -> " (check the database name and the table names in the query)";
      default -> "";
    };
    return (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ") + e.getMessage() + hint;
  }
}
