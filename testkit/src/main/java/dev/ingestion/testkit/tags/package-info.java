/**
 * One annotation per JUnit tag; every test class carries at least one. {@code ./mvnw -Dgroups=fast test}
 * runs the in-JVM subset, {@code -DexcludedGroups=browser} leaves the console tests out, and a plain
 * {@code ./mvnw verify} (what {@code ./ingestion test} runs) runs them all.
 */
package dev.ingestion.testkit.tags;
