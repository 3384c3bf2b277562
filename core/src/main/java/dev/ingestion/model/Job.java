package dev.ingestion.model;

/**
 * A leased unit of work: process one document. {@code attempts} counts this attempt; {@code reason} says
 * why it was queued (new, changed, restored, retry, replay); {@code overrides} carries per-job settings an
 * operator gave on replay (e.g. a longer parse timeout).
 */
public record Job(long id, long documentId, int attempts, int maxAttempts, String reason, JobOverrides overrides) {}
