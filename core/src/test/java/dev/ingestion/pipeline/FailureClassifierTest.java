package dev.ingestion.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.Failure;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.RemoteException;
import dev.ingestion.model.Stage;
import dev.ingestion.model.StoreException;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@FastTest
class FailureClassifierTest {

  @Test
  void a_failure_classified_where_it_was_thrown_keeps_its_stage_category_and_retry_decision() {
    DocumentException thrown = new DocumentException(Stage.PARSE, FailureCategory.INTERNAL, false,
        "the parser gave up", new RemoteException("org.apache.tika.exception.TikaException", "boom", "trace in child"));
    Failure f = FailureClassifier.classify(thrown, Stage.FETCH);
    assertThat(f.stage()).as("the stage it was thrown in, not the caller's").isEqualTo(Stage.PARSE);
    assertThat(f.category()).isEqualTo(FailureCategory.INTERNAL);
    assertThat(f.retryable()).as("not retried although INTERNAL is retryable by default").isFalse();
    assertThat(f.message()).isEqualTo("the parser gave up");
    assertThat(f.exceptionClass()).isEqualTo("org.apache.tika.exception.TikaException");
    assertThat(f.stackTrace()).isEqualTo("trace in child");
  }

  @Test
  void running_out_of_memory_is_a_retryable_resource_problem_that_says_what_to_change() {
    Failure f = FailureClassifier.classify(new OutOfMemoryError("Java heap space"), Stage.CHUNK);
    assertThat(f.stage()).isEqualTo(Stage.CHUNK);
    assertThat(f.category()).isEqualTo(FailureCategory.RESOURCE_EXHAUSTED);
    assertThat(f.retryable()).isTrue();
    assertThat(f.message()).contains("chunk", "max_chars", "heap");
    assertThat(f.exceptionClass()).isEqualTo("java.lang.OutOfMemoryError");
  }

  @Test
  void a_database_failure_is_blamed_on_storage_whatever_stage_was_running() {
    Failure f = FailureClassifier.classify(new StoreException("connection refused", null), Stage.PARSE);
    assertThat(f.stage()).isEqualTo(Stage.STORE);
    assertThat(f.category()).isEqualTo(FailureCategory.STORAGE_UNAVAILABLE);
    assertThat(f.retryable()).isTrue();
    assertThat(f.message()).isEqualTo("database unavailable: connection refused");
  }

  @Test
  void a_vanished_file_is_not_found_also_when_wrapped_in_an_unchecked_exception() {
    NoSuchFileException gone = new NoSuchFileException("/data/a.pdf");
    for (Throwable t : new Throwable[] {gone, new UncheckedIOException(gone)}) {
      Failure f = FailureClassifier.classify(t, Stage.FETCH);
      assertThat(f.category()).isEqualTo(FailureCategory.NOT_FOUND);
      assertThat(f.retryable()).isFalse();
      assertThat(f.message()).isEqualTo("document vanished: /data/a.pdf");
      assertThat(f.exceptionClass()).isEqualTo("java.nio.file.NoSuchFileException");
    }
  }

  @Test
  void a_refused_read_is_permission_denied() {
    Failure f = FailureClassifier.classify(new AccessDeniedException("/data/secret.docx"), Stage.FETCH);
    assertThat(f.category()).isEqualTo(FailureCategory.PERMISSION_DENIED);
    assertThat(f.retryable()).isFalse();
    assertThat(f.message()).contains("/data/secret.docx");
  }

  @Test
  void a_full_disk_is_a_resource_problem_in_any_stage() {
    Failure f = FailureClassifier.classify(new IOException("write failed: No space left on device"), Stage.PARSE);
    assertThat(f.stage()).isEqualTo(Stage.PARSE);
    assertThat(f.category()).isEqualTo(FailureCategory.RESOURCE_EXHAUSTED);
    assertThat(f.retryable()).isTrue();
    assertThat(f.message()).startsWith("disk full:");
  }

  @Test
  void an_io_error_while_fetching_is_the_sources_but_elsewhere_it_is_ours() {
    IOException reset = new IOException("Connection reset");
    Failure fetching = FailureClassifier.classify(reset, Stage.FETCH);
    assertThat(fetching.category()).isEqualTo(FailureCategory.SOURCE_UNAVAILABLE);
    assertThat(fetching.retryable()).isTrue();
    assertThat(fetching.message()).isEqualTo("cannot read the document: Connection reset");

    Failure storing = FailureClassifier.classify(reset, Stage.STORE);
    assertThat(storing.category()).isEqualTo(FailureCategory.INTERNAL);
    assertThat(storing.message()).isEqualTo("unexpected IOException in store: Connection reset");
  }

  @Test
  void anything_else_is_an_internal_error_naming_the_exception_and_the_stage() {
    Failure f = FailureClassifier.classify(new IllegalStateException("no chunker", new ArithmeticException("/ by zero")),
        Stage.CHUNK);
    assertThat(f.stage()).isEqualTo(Stage.CHUNK);
    assertThat(f.category()).isEqualTo(FailureCategory.INTERNAL);
    assertThat(f.retryable()).isTrue();
    assertThat(f.message()).isEqualTo("unexpected IllegalStateException in chunk: no chunker");
    assertThat(f.exceptionClass()).as("the cause, what actually failed").isEqualTo("java.lang.ArithmeticException");
    assertThat(f.stackTrace()).contains("IllegalStateException: no chunker", "FailureClassifierTest");
  }

  @Test
  void problems_of_the_system_come_before_problems_of_one_file() {
    assertThat(EnumSet.allOf(FailureCategory.class)).allSatisfy(c ->
        assertThat(FailureClassifier.priorityFor(c)).isIn("high", "medium", "low"));
    assertThat(FailureClassifier.priorityFor(FailureCategory.STORAGE_UNAVAILABLE)).isEqualTo("high");
    assertThat(FailureClassifier.priorityFor(FailureCategory.SOURCE_UNAVAILABLE)).isEqualTo("high");
    assertThat(FailureClassifier.priorityFor(FailureCategory.PARSE_TIMEOUT)).isEqualTo("medium");
    assertThat(FailureClassifier.priorityFor(FailureCategory.CORRUPT)).isEqualTo("low");
    assertThat(FailureClassifier.priorityFor(FailureCategory.ENCRYPTED)).isEqualTo("low");
  }

  @ParameterizedTest
  @EnumSource(FailureCategory.class)
  void a_retryable_category_is_never_low_priority(FailureCategory category) {
    if (category.retryableByDefault()) {
      assertThat(FailureClassifier.priorityFor(category)).isEqualTo("high");
    }
  }
}
