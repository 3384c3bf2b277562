package dev.ingestion.ops.dlq;

import dev.ingestion.ops.Periods;
import dev.ingestion.store.DeadLetterItem;
import dev.ingestion.store.DeadLetterQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How long open dead-letter items have waited, and which are past their priority's SLA. */
public final class DlqAging {
  private static final List<Duration> EDGES = List.of(Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(3),
      Duration.ofDays(7), Duration.ofDays(30));

  private final DeadLetterQueries queries;
  private final DlqConfig config;
  private final Clock clock;

  public DlqAging(DeadLetterQueries queries, DlqConfig config, Clock clock) {
    this.queries = queries;
    this.config = config;
    this.clock = clock;
  }

  public record Bucket(String age, long items) {}

  public record PrioritySla(String priority, String sla, long pastSla, Instant cutoff) {}

  public record Aging(Instant asOf, long open, List<Bucket> buckets, List<PrioritySla> sla, long pastSlaTotal,
      List<DeadLetterItem> oldestPastSla) {}

  public Aging aging(int examples) {
    Instant now = clock.instant();
    List<Bucket> buckets = new ArrayList<>();
    Instant newer = now.plusSeconds(1);
    String lower = "0";
    long open = 0;
    for (Duration edge : EDGES) {
      Instant older = now.minus(edge);
      long n = queries.openCreatedBetween(older, newer);
      buckets.add(new Bucket(lower + "-" + Periods.format(edge), n));
      open += n;
      lower = Periods.format(edge);
      newer = older;
    }
    long rest = queries.openCreatedBetween(Instant.EPOCH, newer);
    buckets.add(new Bucket(">" + lower, rest));
    open += rest;
    List<PrioritySla> sla = new ArrayList<>();
    List<DeadLetterItem> oldest = new ArrayList<>();
    long past = 0;
    for (String priority : DeadLetterQueries.PRIORITIES) {
      Instant cutoff = now.minus(config.slaFor(priority));
      long n = queries.openOfPriorityBefore(priority, cutoff);
      past += n;
      sla.add(new PrioritySla(priority, Periods.format(config.slaFor(priority)), n, cutoff));
      if (n > 0 && oldest.size() < examples) {
        oldest.addAll(queries.oldestOfPriorityBefore(priority, cutoff, examples - oldest.size()));
      }
    }
    return new Aging(now, open, buckets, sla, past, oldest);
  }

  public record Reviewer(String assignee, long items, Instant oldestCreatedAt, List<DeadLetterItem> sample) {}

  public record Reviews(long inReview, List<Reviewer> byAssignee) {}

  public Reviews reviews(int perAssignee) {
    List<Reviewer> out = new ArrayList<>();
    long total = 0;
    for (DeadLetterQueries.ReviewLoad load : queries.reviewLoad()) {
      total += load.items();
      out.add(new Reviewer(load.assignee(), load.items(), load.oldestCreatedAt(),
          queries.inReviewBy(load.assignee(), perAssignee)));
    }
    return new Reviews(total, out);
  }

  /** Open items past SLA per priority, for the sampler and alerts. */
  public Map<String, Long> pastSla() {
    Instant now = clock.instant();
    Map<String, Long> out = new LinkedHashMap<>();
    for (String p : DeadLetterQueries.PRIORITIES) {
      out.put(p, queries.openOfPriorityBefore(p, now.minus(config.slaFor(p))));
    }
    return out;
  }
}
