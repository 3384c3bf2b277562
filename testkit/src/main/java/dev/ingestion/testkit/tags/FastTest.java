package dev.ingestion.testkit.tags;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Runs inside the test JVM within seconds: no child process, no PostgreSQL, no browser. The local
 * loop runs these alone: {@code ./mvnw -Dgroups=fast test}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("fast")
public @interface FastTest {}
