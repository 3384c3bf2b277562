package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ingestion.security.ApiKeys;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Answers and logs give away nothing: no Java class names, no long echoes, no keys in access.log. */
@WithOpsServer
@SlowTest
class LeakNothingTest {
  static OpsTestServer server;
  final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  Logger root;
  Level errorMapperLevel;

  @BeforeEach
  void capture() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger access = (Logger) LoggerFactory.getLogger("access");
    access.setLevel(Level.INFO);
    Logger mapper = (Logger) LoggerFactory.getLogger(ErrorMapper.class);
    errorMapperLevel = mapper.getLevel();
    mapper.setLevel(Level.DEBUG);
    logged.start();
    root.addAppender(logged);
  }

  @AfterEach
  void release() {
    root.detachAppender(logged);
    ((Logger) LoggerFactory.getLogger(ErrorMapper.class)).setLevel(errorMapperLevel);
  }

  @Test
  void a_body_of_the_wrong_shape_is_explained_in_json_terms_without_java_class_names() {
    for (String body : List.of("{\"query\": \"x\", \"filters\": \"pdf\"}", "{\"query\": \"x\", \"filters\": [1]}",
        "{\"query\": {\"a\": 1}}", "{\"query\": \"x\", \"k\": \"ten\"}", "[1, 2]", "\"text\"")) {
      Response r = server.post("/search", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      String message = r.json().path("message").asText();
      assertThat(message).as(body).doesNotContain("SearchRoutes", "$", "dev.ingestion", "java.", "`");
    }
    assertThat(server.post("/search", "{\"query\": \"x\", \"filters\": \"pdf\"}").json().path("message").asText())
        .isEqualTo("field 'filters' must be a JSON object");
  }

  @Test
  void error_messages_lose_java_class_names_whatever_quotes_surround_them() {
    assertThat(ErrorMapper.clean("Cannot construct instance of `dev.ingestion.server.routes.SearchRoutes$Filters`"
        + " (no String-argument constructor)")).isEqualTo("Cannot construct instance of a value (no String-argument"
        + " constructor)");
    assertThat(ErrorMapper.clean("failed (java.lang.IllegalStateException: x)")).isEqualTo("failed (a value: x)");
    assertThat(ErrorMapper.clean("no source 'notes' in ingestion.yml; see e.g. docs/sources.md or 10.0.0.0/8"))
        .isEqualTo("no source 'notes' in ingestion.yml; see e.g. docs/sources.md or 10.0.0.0/8");
  }

  @Test
  void echoed_input_is_clipped_to_a_hundred_characters() {
    String huge = "9".repeat(999);
    for (String target : List.of("/dlq/pending?limit=" + huge, "/stats?period=" + huge, "/dlq/" + huge,
        "/stats?" + "p".repeat(999) + "=1", "/no-such-" + huge)) {
      Response r = server.get(target);
      assertThat(r.status()).as(target).isBetween(400, 499);
      String message = r.json().path("message").asText();
      assertThat(message).as(target).doesNotContain("9".repeat(101)).doesNotContain("p".repeat(101));
      assertThat(message.length()).as(target).isLessThan(400);
    }
    Response body = server.post("/admin/users/create", "{\"username\": \"" + "u".repeat(999) + "\", \"role\": \"viewer\"}");
    assertThat(body.status()).isEqualTo(400);
    assertThat(body.json().path("message").asText()).doesNotContain("u".repeat(101));
  }

  @Test
  void keys_and_tokens_in_a_query_string_do_not_reach_the_access_log() {
    String key = ApiKeys.generate();
    server.get("/stats?api_key=" + key + "&token=s3cr3t-value&period=1h");
    server.get("/stats?q=Bearer%20" + key.substring(5));
    server.get("/stats/" + key);
    await().atMost(Duration.ofSeconds(10)).until(() -> accessLines().size() >= 3);
    String lines = String.join("\n", accessLines());
    assertThat(lines).doesNotContain(key, key.substring(5), "s3cr3t-value");
    assertThat(lines).contains("api_key=****", "token=****", "period=1h", "ingk_****");
  }

  @Test
  void a_client_that_hangs_up_mid_body_is_logged_at_debug_not_error() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /dlq/retry HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + server.adminKey
          + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"limit\": ").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> events().stream()
        .anyMatch(e -> e.getLevel() == Level.DEBUG && e.getFormattedMessage().contains("hung up")));
    assertThat(events()).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
  }

  private List<ILoggingEvent> events() {
    synchronized (logged) {
      return List.copyOf(logged.list);
    }
  }

  private List<String> accessLines() {
    return events().stream().filter(e -> e.getLoggerName().equals("access")).map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
