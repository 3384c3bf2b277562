package dev.ingestion.store;

import dev.ingestion.model.StageTimings;
import java.time.Instant;

/**
 * Bookkeeping of one finished attempt: who ran it, when, what the source said, how long each stage took.
 * {@code storeStartedAt}, when set, lets the store measure its own stage up to the commit.
 */
public record AttemptRecord(
    String workerId, Instant startedAt, String observedMarker, long bytes, StageTimings timings,
    Instant storeStartedAt) {}
