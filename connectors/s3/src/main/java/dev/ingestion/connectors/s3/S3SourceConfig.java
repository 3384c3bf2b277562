package dev.ingestion.connectors.s3;

import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A bucket (optionally below a prefix) on Amazon S3 or an S3-compatible store. {@code endpoint} and
 * {@code pathStyle} point it at MinIO, Ceph or s3proxy. Without {@code accessKey} the SDK's default
 * credential chain is used (environment, profile, instance role). Globs match the key below the prefix.
 */
public record S3SourceConfig(
    String bucket,
    String prefix,
    List<String> include,
    List<String> exclude,
    String region,
    URI endpoint,
    boolean pathStyle,
    String accessKey,
    String secretKey,
    long maxFileSize,
    int pageSize,
    Duration timeout) {

  public static final long DEFAULT_MAX_FILE_SIZE = 100L << 20;
  static final Set<String> KEYS = Set.of("name", "type", "schedule", "bucket", "prefix", "include", "exclude",
      "region", "endpoint", "path_style", "access_key", "secret_key", "max_file_size", "page_size", "timeout");

  public S3SourceConfig {
    prefix = prefix == null ? "" : prefix;
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  public static S3SourceConfig from(ConfigMap map) {
    map.rejectUnknown(KEYS);
    String accessKey = map.string("access_key", null);
    String secretKey = map.string("secret_key", null);
    if ((accessKey == null) != (secretKey == null)) {
      throw new ConfigException(map.field(accessKey == null ? "access_key" : "secret_key")
          + ": access_key and secret_key go together; set both (e.g. secret_key: ${S3_SECRET_KEY}) or neither"
          + " to use the default AWS credential chain");
    }
    return new S3SourceConfig(
        map.requiredString("bucket"),
        map.string("prefix", ""),
        map.strings("include", List.of("**")),
        map.strings("exclude", List.of()),
        map.string("region", "us-east-1"),
        endpoint(map),
        map.bool("path_style", false),
        accessKey,
        secretKey,
        map.bytes("max_file_size", DEFAULT_MAX_FILE_SIZE),
        map.integer("page_size", 1000, 1, 1000),
        map.duration("timeout", Duration.ofSeconds(60)));
  }

  private static URI endpoint(ConfigMap map) {
    String raw = map.string("endpoint", null);
    if (raw == null) {
      return null;
    }
    try {
      URI uri = URI.create(raw);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(map.field("endpoint")
          + ": expected a URL such as http://localhost:9000 (MinIO) or https://s3.example.com, got '" + raw + "'");
    }
  }

  /** Credentials stay out of logs and error messages. */
  @Override
  public String toString() {
    return "S3SourceConfig[bucket=" + bucket + ", prefix=" + prefix + ", include=" + include + ", exclude=" + exclude
        + ", region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
        + ", accessKey=" + (accessKey == null ? "default chain" : "****") + ", secretKey="
        + (secretKey == null ? "default chain" : "****") + ", maxFileSize=" + maxFileSize + ", pageSize=" + pageSize
        + ", timeout=" + timeout + "]";
  }
}
