package dev.ingestion.security;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Security settings: failed-authentication throttling per client address, where the first admin key is
 * written, and the thresholds of the security alerts.
 *
 * @param maxFailures failed authentications from one address within {@code failureWindow} before it is throttled
 * @param throttleFor how long a throttled address is refused
 * @param adminKeyFile where the first start writes the admin key (owner-only permissions); null: the default
 * @param alertFailedAuths failed authentications within {@code alertWindow} that raise an alert
 * @param alertSuspicious suspicious requests within {@code alertWindow} that raise an alert
 */
public record SecurityConfig(int maxFailures, Duration failureWindow, Duration throttleFor, Path adminKeyFile,
    int alertFailedAuths, int alertSuspicious, Duration alertWindow) {

  public static SecurityConfig defaults(Path dataDir) {
    return new SecurityConfig(10, Duration.ofMinutes(1), Duration.ofMinutes(5), dataDir.resolve("admin-api-key"), 10, 5,
        Duration.ofMinutes(5));
  }

  public SecurityConfig withAdminKeyFile(Path file) {
    return new SecurityConfig(maxFailures, failureWindow, throttleFor, file, alertFailedAuths, alertSuspicious,
        alertWindow);
  }
}
