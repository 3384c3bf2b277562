package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dead-letter review workflow over HTTP, with the real pipeline doing the replays. */
@SlowTest
class DlqWorkflowTest {
  @TempDir Path dir;
  OpsTestServer server;

  @BeforeEach
  void start() throws IOException {
    server = new OpsTestServer(dir, Clock.systemUTC());
    server.ingest();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private long itemOf(String category) {
    for (JsonNode i : server.get("/dlq/pending?limit=100").json().path("items")) {
      if (i.path("category").asText().equals(category)) {
        return i.path("id").asLong();
      }
    }
    throw new AssertionError("no pending item of category " + category);
  }

  @Test
  void stack_traces_are_shown_to_operators_and_admins_but_not_to_viewers() {
    long id = itemOf("corrupt");
    String viewer = server.security.users().create("vic", dev.ingestion.security.Role.VIEWER, "test").key().key();
    String operator = server.security.users().create("olga", dev.ingestion.security.Role.OPERATOR, "test").key().key();
    JsonNode asViewer = server.get("/dlq/" + id, viewer).json();
    assertThat(asViewer.path("message").asText()).isNotEmpty();
    assertThat(asViewer.has("stack_trace")).isTrue();
    assertThat(asViewer.path("stack_trace").isNull()).isTrue();
    assertThat(server.get("/dlq/" + id, operator).json().path("stack_trace").asText()).contains("at ");
    assertThat(server.get("/dlq/" + id).json().path("stack_trace").asText()).contains("at ");
  }

  @Test
  void assigning_puts_an_item_in_review_and_reviews_group_it_by_assignee() {
    long id = itemOf("corrupt");
    Response r = server.post("/dlq/" + id + "/assign", "{\"assignee\": \"alice\", \"notes\": \"looking\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("in_review");
    assertThat(r.json().path("assignee").asText()).isEqualTo("alice");
    JsonNode reviews = server.get("/dlq/reviews").json();
    assertThat(reviews.path("in_review").asLong()).isEqualTo(1);
    assertThat(reviews.path("by_assignee").get(0).path("assignee").asText()).isEqualTo("alice");
    assertThat(reviews.path("by_assignee").get(0).path("sample").get(0).path("id").asLong()).isEqualTo(id);
    assertThat(server.get("/dlq/pending").json().path("count").asLong()).isEqualTo(2);
  }

  @Test
  void a_retried_item_is_resolved_automatically_when_the_replay_succeeds() throws IOException {
    long id = itemOf("corrupt");
    Documents.pdf(server.corpus.resolve("bad/corrupt.pdf"), List.of("Repaired invoice."));
    Response r = server.post("/dlq/" + id + "/retry", "{\"parse_timeout_seconds\": 300, \"max_chars\": 50000}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("retrying");
    long documentId = r.json().path("document_id").asLong();
    JsonNode jobs = server.get("/documents/" + documentId).json().path("jobs");
    assertThat(jobs.get(0).path("status").asText()).isEqualTo("queued");
    assertThat(jobs.get(0).path("reason").asText()).isEqualTo("replay");
    assertThat(jobs.get(0).path("overrides").asText()).contains("parse_timeout=PT5M", "max_chars=50000");
    server.ingest();
    JsonNode item = server.get("/dlq/" + id).json();
    assertThat(item.path("status").asText()).isEqualTo("resolved");
    assertThat(item.path("resolution_notes").asText()).isEqualTo("succeeded on retry");
    assertThat(server.get("/documents/" + documentId).json().path("document").path("status").asText())
        .isEqualTo("completed");
    assertThat(server.get("/documents/" + documentId + "/chunks").json().path("chunks").get(0).path("text").asText())
        .contains("Repaired invoice");
  }

  @Test
  void a_replay_that_fails_again_puts_the_item_back_to_pending() {
    long id = itemOf("encrypted");
    server.post("/dlq/" + id + "/retry", null);
    server.ingest();
    JsonNode item = server.get("/dlq/" + id).json();
    assertThat(item.path("status").asText()).isEqualTo("pending");
    assertThat(item.path("attempts").asLong()).isEqualTo(2);
  }

  @Test
  void bulk_retry_with_a_filter_replays_only_matching_items_and_says_how_many() {
    Response r = server.post("/dlq/retry", "{\"category\": \"empty\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("retried").asLong()).isEqualTo(1);
    assertThat(server.get("/dlq/stats").json().path("by_status").path("retrying").asLong()).isEqualTo(1);
    Response none = server.post("/dlq/retry", "{}");
    assertThat(none.json().path("retried").asLong()).as("nothing pending is retryable by category").isZero();
  }

  @Test
  void escalation_raises_priority_one_step_up_to_critical() {
    long id = itemOf("empty");
    assertThat(server.get("/dlq/" + id).json().path("priority").asText()).isEqualTo("low");
    assertThat(server.post("/dlq/" + id + "/escalate", null).json().path("priority").asText()).isEqualTo("medium");
    assertThat(server.post("/dlq/" + id + "/escalate", null).json().path("priority").asText()).isEqualTo("high");
    assertThat(server.post("/dlq/" + id + "/escalate", "{}").json().path("priority").asText()).isEqualTo("critical");
    Response again = server.post("/dlq/" + id + "/escalate", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("message").asText()).contains("already critical");
    assertThat(server.get("/dlq/pending?limit=1").json().path("items").get(0).path("id").asLong())
        .as("the most urgent item is listed first").isEqualTo(id);
  }

  @Test
  void resolved_and_discarded_items_are_closed_then_archived_by_cleanup() {
    long a = itemOf("corrupt");
    long b = itemOf("empty");
    Response resolved = server.post("/dlq/" + a + "/resolve", "{\"notes\": \"replaced the file by hand\"}");
    assertThat(resolved.json().path("status").asText()).isEqualTo("resolved");
    assertThat(resolved.json().path("resolution_notes").asText()).isEqualTo("replaced the file by hand");
    assertThat(server.post("/dlq/" + b + "/discard", "{\"notes\": \"empty on purpose\"}").json().path("status").asText())
        .isEqualTo("discarded");
    Response twice = server.post("/dlq/" + a + "/resolve", "{}");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().path("message").asText()).contains("is resolved");
    assertThat(server.post("/dlq/cleanup", "{\"days_old\": 30}").json().path("archived").asLong()).isZero();
    assertThat(server.post("/dlq/cleanup", "{\"days_old\": 0}").json().path("archived").asLong()).isEqualTo(2);
    assertThat(server.get("/dlq/stats").json().path("by_status").path("archived").asLong()).isEqualTo(2);
    assertThat(server.get("/dlq/stats").json().path("open").asLong()).isEqualTo(1);
  }

  @Test
  void an_item_in_review_cannot_be_retried_twice_and_unknown_items_are_404() {
    long id = itemOf("corrupt");
    assertThat(server.post("/dlq/" + id + "/retry", "{}").status()).isEqualTo(200);
    Response again = server.post("/dlq/" + id + "/retry", "{}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("message").asText()).contains("retrying");
    assertThat(server.post("/dlq/99999/assign", "{\"assignee\": \"bob\"}").status()).isEqualTo(404);
  }

  @Test
  void version_cleanup_keeps_the_current_version_and_the_newest_ones() throws IOException {
    Path note = server.corpus.resolve("note.txt");
    for (int v = 2; v <= 4; v++) {
      Files.writeString(note, "Version " + v + " of the note, long enough to differ: " + "x".repeat(v * 10));
      server.ingest();
    }
    long documentId = findDocument("note.txt");
    assertThat(server.get("/documents/" + documentId).json().path("versions")).hasSize(4);
    Response dry = server.post("/versions/cleanup", "{\"days_old\": 0, \"keep_latest\": 2, \"dry_run\": true}");
    assertThat(dry.json().path("versions_deleted").asLong()).isEqualTo(2);
    Response r = server.post("/versions/cleanup", "{\"days_old\": 0, \"keep_latest\": 1}");
    assertThat(r.json().path("versions_deleted").asLong()).isEqualTo(3);
    JsonNode doc = server.get("/documents/" + documentId).json();
    assertThat(doc.path("versions")).hasSize(1);
    assertThat(doc.path("versions").get(0).path("id").asLong())
        .isEqualTo(doc.path("document").path("current_version_id").asLong());
    assertThat(server.get("/stats").json().path("versions").asLong()).isEqualTo(5);
  }

  private long findDocument(String externalId) {
    for (long id = 1; id < 50; id++) {
      Response r = server.get("/documents/" + id);
      if (r.status() == 200 && r.json().path("document").path("external_id").asText().equals(externalId)) {
        return id;
      }
    }
    throw new AssertionError("no document " + externalId);
  }
}
