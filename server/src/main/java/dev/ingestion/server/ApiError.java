package dev.ingestion.server;

/** Every error body: a short machine-readable code and a message that says what to fix. */
public record ApiError(String error, String message) {}
