package dev.ingestion.source;

import java.time.Instant;

/**
 * One document as a source lists it. {@code changeMarker} changes whenever the source believes the
 * content may have changed (size and modification time for files, ETag for objects).
 */
public record SourceItem(String externalId, String changeMarker, long sizeBytes, Instant modifiedAt) {}
