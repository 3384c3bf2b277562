package dev.ingestion.store;

/** What a worker needs to process a leased document: where it lives and what is stored of it now. */
public record WorkItem(
    long documentId,
    long sourceId,
    String sourceName,
    String sourceType,
    String sourceLocation,
    String externalId,
    String currentContentHash,
    Long currentVersionId,
    String changeMarker) {}
