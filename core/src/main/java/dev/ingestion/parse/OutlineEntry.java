package dev.ingestion.parse;

/** A PDF bookmark: its nesting depth (1 for a top-level bookmark) and its title. */
record OutlineEntry(int level, String title) {}
