package dev.ingestion.testkit.tags;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Runs inside the test JVM, without child processes, PostgreSQL or a browser, but takes longer than the
 * fast loop allows: real documents in bulk, the embedding model, a whole API server with its pipeline, an
 * in-JVM S3 server, a scan of every class.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface SlowTest {}
