package dev.ingestion.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link OpsTestServer} for the whole test class, in a temporary folder of its own: started before the
 * class's own {@code @BeforeAll} methods, assigned to its {@code static OpsTestServer} field, closed and
 * its folder deleted after the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(WithOpsServer.Extension.class)
@interface WithOpsServer {

  /** Starts and stops the server around the class. */
  final class Extension implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(WithOpsServer.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
      Path dir = Files.createTempDirectory("ops-server-");
      context.getStore(NS).put("dir", dir);
      OpsTestServer server = new OpsTestServer(dir, Clock.systemUTC());
      context.getStore(NS).put("server", server);
      serverField(context.getRequiredTestClass()).set(null, server);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
      OpsTestServer server = context.getStore(NS).get("server", OpsTestServer.class);
      if (server != null) {
        server.close();
      }
      Path dir = context.getStore(NS).get("dir", Path.class);
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(Extension::delete);
        }
      }
    }

    private static void delete(Path p) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static Field serverField(Class<?> testClass) {
      Field field = Arrays.stream(testClass.getDeclaredFields())
          .filter(f -> f.getType() == OpsTestServer.class && Modifier.isStatic(f.getModifiers()))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(testClass.getSimpleName()
              + " is annotated @WithOpsServer but declares no static OpsTestServer field"));
      field.setAccessible(true);
      return field;
    }
  }
}
