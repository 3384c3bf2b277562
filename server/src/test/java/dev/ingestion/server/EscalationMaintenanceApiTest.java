package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AlertRepository.Firing;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook's escalation and scheduled maintenance through the HTTP API of a real server: an alert's
 * priority and escalation steps in GET /alerts/{id}; the maintenance jobs, their runs, and running one.
 */
@SlowTest
class EscalationMaintenanceApiTest {
  @TempDir static Path dir;
  static OpsTestServer server;

  @BeforeAll
  static void start() throws IOException {
    server = new OpsTestServer(dir, Clock.systemUTC());
    server.ingest();
    server.ops.alertEvaluator().evaluate();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void an_alert_shows_its_priority_and_every_escalation_step() {
    long backlog = server.get("/alerts/active").json().path("alerts").get(0).path("id").asLong();
    JsonNode medium = server.get("/alerts/" + backlog).json();
    assertThat(medium.path("rule").asText()).isEqualTo("dlq_backlog");
    assertThat(medium.path("priority").asText()).as("medium maps to P3").isEqualTo("P3");
    assertThat(medium.path("escalations").isArray()).isTrue();

    Instant now = Instant.now();
    long critical = new AlertRepository(server.db).open(new Firing("error_rate", "api-test", "critical",
        "error rate 40%", 0.4, 0.1), "P1", now, now);
    server.ops.escalator().escalate();
    Response r = server.get("/alerts/" + critical);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("priority").asText()).isEqualTo("P1");
    JsonNode step = r.json().path("escalations").get(0);
    assertThat(step.path("level").asInt()).isEqualTo(1);
    assertThat(step.path("name").asText()).isEqualTo("on-call engineer");
    assertThat(step.path("outcome").asText()).as("no target configured: recorded").isEqualTo("recorded");
    assertThat(step.path("escalated_at").asText()).isNotBlank();
    assertThat(r.json().path("notifications").isArray()).as("no target configured: nothing to deliver").isTrue();
    assertThat(r.json().path("notifications")).isEmpty();
    assertThat(server.get("/alerts/" + backlog).json().path("escalations")).as("P3 does not escalate").isEmpty();

    server.post("/alerts/" + critical + "/acknowledge", "{\"acknowledged_by\": \"alice\"}");
    server.ops.escalator().escalate();
    assertThat(server.get("/alerts/" + critical).json().path("escalations")).hasSize(1);
  }

  @Test
  void maintenance_jobs_are_listed_run_on_request_and_recorded() {
    JsonNode jobs = server.get("/maintenance/jobs").json();
    assertThat(jobs.path("jobs").findValuesAsText("job")).containsExactly("analyze", "optimize", "retention",
        "temp_cleanup", "vacuum", "reindex", "dlq_cleanup", "version_cleanup");
    assertThat(jobs.path("jobs").get(0).path("schedule").asText()).isEqualTo("daily");
    assertThat(jobs.path("jobs").get(0).path("next_run_at").asText()).endsWith("T03:00:00Z");

    Response run = server.post("/maintenance/jobs/analyze/run", null);
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    assertThat(run.json().path("outcome").asText()).isEqualTo("succeeded");
    assertThat(run.json().path("schedule").asText()).isEqualTo("manual");
    assertThat(run.json().path("details").path("statement").asText()).isEqualTo("ANALYZE");

    JsonNode runs = server.get("/maintenance/runs?job=analyze").json();
    assertThat(runs.path("count").asInt()).isEqualTo(1);
    assertThat(runs.path("runs").get(0).path("id").asLong()).isEqualTo(run.json().path("id").asLong());
    assertThat(server.get("/maintenance/jobs").json().path("jobs").get(0).path("last_started_at").asText())
        .isEqualTo(run.json().path("started_at").asText());
  }

  @Test
  void an_unknown_job_is_a_400_naming_the_jobs() {
    Response r = server.post("/maintenance/jobs/defrag/run", null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).contains("defrag").contains("version_cleanup");
    assertThat(server.get("/maintenance/runs?job=defrag").status()).isEqualTo(400);
    assertThat(server.get("/alerts/999999").status()).isEqualTo(404);
  }
}
