package dev.ingestion.server;

import dev.ingestion.security.Role;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one endpoint accepts, declared where it is registered: query parameters (anything else is
 * rejected) and the record its JSON body is read into. {@link OpenApi} documents exactly this.
 */
public final class EndpointSpec {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");

  /** A query parameter. */
  public record Param(String name, String type, String description) {}

  /** A field of the JSON body, derived from the body record. */
  public record Field(String name, String type, String description) {}

  private final String method;
  private final String path;
  private final String summary;
  private final String tag;
  private final List<Param> query = new ArrayList<>();
  private Class<? extends Record> body;
  private boolean bodyRequired;
  private final List<String> fieldDocs = new ArrayList<>();
  private final List<Integer> statuses = new ArrayList<>(List.of(200));
  private Role role;
  private boolean anonymous;

  EndpointSpec(String method, String path, String summary, String tag) {
    this.method = method;
    this.path = path;
    this.summary = summary;
    this.tag = tag;
    this.role = defaultRole(method, path);
    this.anonymous = path.equals(AccessControl.CONSOLE) || path.startsWith(AccessControl.CONSOLE + "/");
  }

  /**
   * The role an endpoint needs unless its registration says otherwise: admin under /admin/, for /audit
   * and /versions/cleanup; otherwise viewer to read (GET) and operator to act (POST).
   */
  static Role defaultRole(String method, String path) {
    if (path.startsWith("/admin/") || path.equals("/audit") || path.equals("/versions/cleanup")) {
      return Role.ADMIN;
    }
    return method.equals("GET") ? Role.VIEWER : Role.OPERATOR;
  }

  /** The role this endpoint needs (overrides the default by method and path). */
  public EndpointSpec role(Role required) {
    this.role = required;
    return this;
  }

  /**
   * Answers without a key too (the handler sees no principal and must reveal nothing): GET /health's
   * status and the console's static assets.
   */
  public EndpointSpec anonymous() {
    this.anonymous = true;
    return this;
  }

  public Role role() {
    return role;
  }

  public boolean isAnonymous() {
    return anonymous;
  }

  public EndpointSpec query(String name, String type, String description) {
    query.add(new Param(name, type, description));
    return this;
  }

  /** The JSON body is read into {@code type}; {@code docs} describe its fields in order. */
  public EndpointSpec body(Class<? extends Record> type, boolean required, String... docs) {
    this.body = type;
    this.bodyRequired = required;
    this.fieldDocs.addAll(List.of(docs));
    return this;
  }

  /** Other statuses this endpoint answers with on success. */
  public EndpointSpec status(int status) {
    statuses.add(status);
    return this;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String summary() {
    return summary;
  }

  public String tag() {
    return tag;
  }

  public List<Param> query() {
    return List.copyOf(query);
  }

  public List<String> pathParams() {
    List<String> out = new ArrayList<>();
    Matcher m = PATH_PARAM.matcher(path);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  public boolean bodyRequired() {
    return bodyRequired;
  }

  public List<Integer> statuses() {
    return List.copyOf(statuses);
  }

  public List<Field> bodyFields() {
    if (body == null) {
      return List.of();
    }
    List<Field> out = new ArrayList<>();
    RecordComponent[] components = body.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      out.add(new Field(snake(components[i].getName()), jsonType(components[i].getGenericType()),
          i < fieldDocs.size() ? fieldDocs.get(i) : ""));
    }
    return out;
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static String jsonType(Type t) {
    if (t instanceof ParameterizedType) {
      return "object";
    }
    String n = ((Class<?>) t).getSimpleName();
    return switch (n) {
      case "Integer", "int", "Long", "long" -> "integer";
      case "Double", "double" -> "number";
      case "Boolean", "boolean" -> "boolean";
      default -> "string";
    };
  }
}
