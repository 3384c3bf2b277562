package dev.ingestion.security;

/** Who is making a request: the user behind the key, their role, and which key (by id and shown prefix). */
public record Principal(long userId, String username, Role role, long keyId, String keyPrefix) {}
