package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.pipeline.Worker;
import dev.ingestion.security.Role;
import dev.ingestion.source.Source;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.Documents.Section;
import dev.ingestion.testkit.tags.BrowserTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real headless Chromium against a real server: a SQLite database filled by the
 * real pipeline from generated documents (good ones, and corrupt, encrypted, empty and random-byte ones
 * that dead-letter, one with markup in its name and title), and a worker running throughout. The tests walk
 * the daily runbook in order, as an operator would: sign in, read the overview, retry a dead letter after
 * fixing its cause and watch it complete, acknowledge an alert, look a document up, test a source, read
 * the reports. Each page is saved as a screenshot (target/console-screenshots, or -Dconsole.screenshots=DIR).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@BrowserTest
class ConsoleEndToEndTest {
  static final String HOSTILE = "<img src=x onerror=window.__xss=1>";

  OpsTestServer server;
  String operatorKey;
  Worker worker;
  HeadlessChromium chromium;
  WebDriverWait wait;
  Path shots;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    server = new OpsTestServer(dir.resolve("server"), Clock.systemUTC());
    operatorKey = server.security.users().create("e2e-operator", Role.OPERATOR, "test").key().key();
    Documents.garbage(server.corpus.resolve("bad/noise.pdf"), 4096, 7);
    Documents.html(server.corpus.resolve("odd " + HOSTILE.replace('/', '_') + ".html"), HOSTILE,
        List.of(new Section("Markup", List.of("A title with markup must show as text."))));
    worker = server.pipeline.newWorker("console-e2e");
    worker.start();
    ingestAll();
    // The empty file's item has waited 8 days: past the 7-day SLA of its (low) priority.
    server.db.withConnection(c -> server.db.sql(c).update("UPDATE dead_letters SET created_at = ? WHERE source_ref LIKE ?",
        java.time.Instant.now().minus(Duration.ofDays(8)), "%bad/empty.txt"));
    server.ops.alertEvaluator().evaluate();
    chromium = new HeadlessChromium(Files.createDirectories(dir.resolve("profile")));
    wait = new WebDriverWait(chromium.driver, Duration.ofSeconds(20));
    shots = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
  }

  @AfterAll
  void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void ingestAll() {
    for (Source s : server.pipeline.sources().configured()) {
      server.pipeline.discover(s, "test", null);
    }
    worker.wake();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (server.pipeline.queue().activeCount() > 0 && System.nanoTime() < deadline) {
      sleep(50);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void open(String page) {
    chromium.driver.get(server.base() + "/console/#/" + page);
    visible(By.cssSelector("main h1"));
  }

  private void shot(String name) throws IOException {
    chromium.driver.executeScript("document.getElementById('toast').classList.remove('show')");
    chromium.screenshot(shots.resolve("console-" + name + ".png"));
  }

  @Test
  @Order(1)
  void signing_in_with_the_keyboard_shows_the_overview_with_health_statuses_and_charts() throws IOException {
    chromium.driver.get(server.base() + "/console/");
    visible(By.id("api-key"));
    assertThat(chromium.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("api-key");
    chromium.driver.switchTo().activeElement().sendKeys(operatorKey, org.openqa.selenium.Keys.TAB);
    WebElement name = chromium.driver.switchTo().activeElement();
    assertThat(name.getAttribute("id")).isEqualTo("operator");
    name.clear();
    name.sendKeys("dana", org.openqa.selenium.Keys.ENTER);
    WebElement health = visible(By.id("overview-health"));
    assertThat(health.getText()).contains("database", "workers", "healthy");
    assertThat(chromium.driver.findElement(By.id("overview-documents-by-status")).getText()).contains("dead_letter", "completed");
    assertThat(chromium.driver.findElements(By.cssSelector("#overview-throughput svg polyline"))).hasSize(2);
    assertThat(chromium.driver.findElement(By.id("overview-active-alerts")).getText()).contains("dead-letter queue");
    assertThat(chromium.driver.findElement(By.id("overview-processing-time")).getText()).contains("p95");
    assertThat(chromium.driver.findElement(By.id("who")).getText()).isEqualTo("Signed in as dana");
    assertThat(chromium.driver.executeScript("return sessionStorage.getItem('ingestion.console.key')"))
        .isEqualTo(operatorKey);
    shot("overview");
  }

  @Test
  @Order(2)
  void every_api_call_carries_the_key_as_a_bearer_token() {
    open("overview");
    chromium.driver.executeScript("""
        window.__auth = [];
        const original = window.fetch;
        window.fetch = (url, init) => { window.__auth.push((init && init.headers || {}).Authorization); return original(url, init); };
        """);
    chromium.driver.findElement(By.xpath("//button[text()='Refresh']")).click();
    wait.until(d -> ((Number) chromium.driver.executeScript("return window.__auth.length")).intValue() >= 6);
    @SuppressWarnings("unchecked")
    List<Object> sent = (List<Object>) chromium.driver.executeScript("return window.__auth");
    assertThat(sent).isNotEmpty().allMatch(("Bearer " + operatorKey)::equals);
  }

  @Test
  @Order(3)
  void a_dead_lettered_document_is_retried_after_its_file_is_fixed_and_completes() throws IOException {
    open("dlq");
    WebElement row = visible(By.xpath("//tr[td[contains(., 'bad/corrupt.pdf')]]"));
    long itemId = Long.parseLong(row.getAttribute("data-item"));
    WebElement late = chromium.driver.findElement(By.xpath("//tr[td[contains(., 'bad/empty.txt')]]"));
    assertThat(late.getAttribute("class")).isEqualTo("late");
    assertThat(late.getText()).contains("8d", "past 7d SLA");
    assertThat(row.getAttribute("class")).isEmpty();
    row.findElement(By.cssSelector("button.link")).click();
    WebElement detail = visible(By.id("dlq-detail-h"));
    assertThat(detail.getText()).contains("corrupt");
    assertThat(chromium.driver.findElement(By.id("dlq-detail")).getText()).contains("bad/corrupt.pdf", "Stack trace");
    shot("dlq");
    Documents.pdf(server.corpus.resolve("bad/corrupt.pdf"), List.of("Repaired invoice, replayed from the console."));
    chromium.driver.findElement(By.id("act-timeout")).sendKeys("120");
    chromium.driver.findElement(By.id("act-retry")).click();
    worker.wake();
    wait.withTimeout(Duration.ofSeconds(45)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("retry-progress"), "Item resolved; document completed"));
    JsonNode item = server.get("/dlq/" + itemId).json();
    assertThat(item.path("status").asText()).isEqualTo("resolved");
    assertThat(server.get("/documents/" + item.path("document_id").asLong() + "/chunks").body()).contains("Repaired invoice");
  }

  @Test
  @Order(4)
  void an_active_alert_is_acknowledged_with_the_operators_name() throws IOException {
    open("alerts");
    WebElement card = visible(By.cssSelector("li.alert-card[data-alert]"));
    String id = card.getAttribute("data-alert");
    assertThat(card.getText()).contains("dead-letter queue", "active");
    shot("alerts");
    card.findElement(By.tagName("textarea")).sendKeys("looking at the corrupt files");
    card.findElement(By.id("ack-" + id)).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li.alert-card[data-alert='" + id + "']"),
        "acknowledged by dana"));
    JsonNode alert = server.get("/alerts/" + id).json();
    assertThat(alert.path("status").asText()).isEqualTo("acknowledged");
    assertThat(alert.path("acknowledged_by").asText()).isEqualTo("dana");
    assertThat(alert.path("ack_notes").asText()).isEqualTo("looking at the corrupt files");
  }

  @Test
  @Order(5)
  void documents_are_found_by_title_and_markup_in_a_title_shows_as_text() throws IOException {
    open("documents");
    visible(By.id("s-q")).sendKeys("onerror");
    chromium.driver.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
    By results = By.xpath("//table[caption='Matching documents']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(results, HOSTILE));
    assertThat(chromium.driver.findElement(results).findElements(By.cssSelector("tbody tr"))).hasSize(1);
    assertThat(chromium.driver.findElements(By.cssSelector("main img"))).isEmpty();
    assertThat(chromium.driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
    chromium.driver.findElement(By.id("s-q")).clear();
    chromium.driver.findElement(By.id("s-q")).sendKeys("policy");
    chromium.driver.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath("//table[caption='Matching documents']"), "policy.docx"));
    shot("documents");
    chromium.driver.findElement(By.xpath("//table[caption='Matching documents']//a")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Chunks of the current version"));
    assertThat(chromium.driver.findElement(By.cssSelector("main")).getText())
        .contains("Stored versions", "Follow the rules", "Processing attempts", "completed");
    shot("document");
  }

  @Test
  @Order(6)
  void a_source_shows_its_syncs_and_its_connection_test_passes() throws IOException {
    open("sources");
    WebElement card = visible(By.cssSelector("li[data-source='handbook']"));
    assertThat(card.getText()).contains("every 15m", "Last sync", "Next sync");
    card.findElement(By.xpath(".//button[text()='Test connection']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li[data-source='handbook']"), "Reachable"));
    shot("sources");
  }

  @Test
  @Order(7)
  void the_reports_page_shows_performance_and_capacity() throws IOException {
    open("reports");
    WebElement main = visible(By.id("cap-h"));
    assertThat(chromium.driver.findElement(By.cssSelector("main")).getText())
        .contains("Performance", "Capacity", "Errors by category", "corrupt", "Time to drain");
    assertThat(main.getText()).isEqualTo("Capacity");
    shot("reports");
  }

  @Test
  @Order(8)
  void a_bad_key_stays_on_sign_in_a_viewer_sees_the_403_message_inline_and_a_disabled_user_is_signed_out() {
    var viewer = server.security.users().create("e2e-viewer", Role.VIEWER, "test");
    chromium.driver.executeScript("sessionStorage.clear()");
    chromium.driver.get(server.base() + "/console/#/dlq");
    visible(By.id("api-key")).sendKeys("ingk_wrong-key");
    chromium.driver.findElement(By.id("login-submit")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "authentication failed"));
    assertThat(chromium.driver.findElement(By.id("top")).isDisplayed()).isFalse();
    chromium.driver.findElement(By.id("api-key")).clear();
    chromium.driver.findElement(By.id("api-key")).sendKeys(viewer.key().key());
    chromium.driver.findElement(By.id("login-submit")).click();
    visible(By.xpath("//tr[td[contains(., 'bad/locked.pdf')]]")).findElement(By.cssSelector("button.link")).click();
    visible(By.xpath("//section[@id='dlq-detail']//button[text()='Escalate']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#dlq-detail [role=alert]"),
        "Not allowed: role viewer may not"));
    server.security.users().setEnabled("e2e-viewer", false, "test");
    chromium.driver.findElement(By.xpath("//button[text()='Refresh']")).click();
    visible(By.id("api-key"));
    assertThat(chromium.driver.findElement(By.id("login-error")).getText()).contains("authentication failed");
    assertThat(chromium.driver.executeScript("return sessionStorage.getItem('ingestion.console.key')")).isNull();
  }

  @Test
  @Order(9)
  void no_page_broke_the_content_security_policy_or_threw_an_uncaught_error() {
    List<String> problems = chromium.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll()
        .stream().map(org.openqa.selenium.logging.LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("SyntaxError"))
        .toList();
    assertThat(problems).isEmpty();
  }
}
