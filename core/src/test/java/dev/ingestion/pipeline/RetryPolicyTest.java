package dev.ingestion.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.Failure;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Stage;
import dev.ingestion.testkit.tags.FastTest;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@FastTest
class RetryPolicyTest {
  private static final Failure RETRYABLE = failure(FailureCategory.SOURCE_UNAVAILABLE, true);
  private static final Failure PERMANENT = failure(FailureCategory.CORRUPT, false);

  private static Failure failure(FailureCategory category, boolean retryable) {
    return new Failure(Stage.FETCH, category, retryable, "java.io.IOException", "it failed", "");
  }

  private static RetryPolicy policy(int maxAttempts, long seed) {
    return new RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofMinutes(1), new SplittableRandom(seed));
  }

  @Test
  void a_retryable_failure_runs_again_until_the_last_attempt() {
    RetryPolicy retry = policy(3, 1);
    assertThat(retry.shouldRetry(RETRYABLE, 1, 3)).isTrue();
    assertThat(retry.shouldRetry(RETRYABLE, 2, 3)).isTrue();
    assertThat(retry.shouldRetry(RETRYABLE, 3, 3)).as("the third attempt was the last").isFalse();
  }

  @Test
  void a_failure_that_retrying_cannot_help_is_never_retried() {
    assertThat(policy(5, 1).shouldRetry(PERMANENT, 1, 5)).isFalse();
  }

  @Test
  void the_lower_of_the_policy_and_the_job_limit_wins() {
    assertThat(policy(5, 1).shouldRetry(RETRYABLE, 2, 2)).as("the job allows two attempts").isFalse();
    assertThat(policy(2, 1).shouldRetry(RETRYABLE, 2, 9)).as("the policy allows two attempts").isFalse();
    assertThat(policy(5, 1).shouldRetry(RETRYABLE, 2, 9)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void each_delay_lies_between_half_and_all_of_the_doubled_base(int attempt) {
    RetryPolicy retry = policy(10, 42);
    long full = Math.min(60_000, 1000L << (attempt - 1));
    for (int i = 0; i < 200; i++) {
      assertThat(retry.delayAfter(attempt).toMillis()).isBetween(full / 2, full);
    }
  }

  @Test
  void the_delay_stops_growing_at_the_maximum() {
    RetryPolicy retry = policy(100, 7);
    for (int attempt : new int[] {7, 20, 31, 64, Integer.MAX_VALUE}) {
      assertThat(retry.delayAfter(attempt)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
    }
  }

  @Test
  void jitter_spreads_retries_of_documents_that_failed_together_over_the_whole_upper_half() {
    RetryPolicy retry = policy(10, 2024);
    long[] delays = IntStream.range(0, 1000).mapToLong(i -> retry.delayAfter(4).toMillis()).toArray();
    assertThat(IntStream.range(0, delays.length).mapToLong(i -> delays[i]).min().orElseThrow()).isLessThan(4_400);
    assertThat(IntStream.range(0, delays.length).mapToLong(i -> delays[i]).max().orElseThrow()).isGreaterThan(7_600);
    assertThat(java.util.Arrays.stream(delays).distinct().count()).as("not one fixed delay").isGreaterThan(500);
  }

  @Test
  void an_attempt_number_below_one_and_a_zero_base_still_give_a_delay_of_at_most_the_base() {
    RetryPolicy zeroBase = new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom(3));
    assertThat(zeroBase.delayAfter(1)).isLessThanOrEqualTo(Duration.ofMillis(1));
    assertThat(policy(3, 3).delayAfter(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
  }
}
