package dev.ingestion.connectors.s3;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import dev.ingestion.source.SourceKeys;

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
  static final ConfigDef DEF = SourceKeys.define("s3", "A bucket on Amazon S3 or an S3-compatible store.");
  private static final ConfigKey<String> BUCKET = DEF.required("bucket", "the bucket");
  private static final ConfigKey<String> PREFIX = DEF.string("prefix", "", "only keys below this prefix");
  private static final ConfigKey<List<String>> INCLUDE = DEF.strings("include", List.of("**"),
      "globs on the key below the prefix");
  private static final ConfigKey<List<String>> EXCLUDE = DEF.strings("exclude", List.of(), "globs left out");
  private static final ConfigKey<String> REGION = DEF.string("region", "us-east-1", "the bucket's region");
  private static final ConfigKey<String> ENDPOINT = DEF.string("endpoint", null,
      "an S3-compatible store's URL (MinIO, Ceph), e.g. http://localhost:9000");
  private static final ConfigKey<Boolean> PATH_STYLE = DEF.bool("path_style", false,
      "bucket in the path rather than the host name (most S3-compatible stores)");
  private static final ConfigKey<String> ACCESS_KEY = DEF.string("access_key", null,
      "with secret_key; without both, the default AWS credential chain");
  private static final ConfigKey<String> SECRET_KEY = DEF.string("secret_key", null, "e.g. ${S3_SECRET_KEY}");
  private static final ConfigKey<Long> MAX_FILE_SIZE = DEF.size("max_file_size", DEFAULT_MAX_FILE_SIZE,
      "larger objects are dead-lettered as too_large");
  private static final ConfigKey<Integer> PAGE_SIZE = DEF.integer("page_size", 1000, 1, 1000,
      "keys per listing request");
  private static final ConfigKey<Duration> TIMEOUT = DEF.duration("timeout", Duration.ofSeconds(60),
      "per request");

  public S3SourceConfig {
    prefix = prefix == null ? "" : prefix;
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
  }

  public static S3SourceConfig from(ConfigMap map) {
    DEF.rejectUnknown(map);
    String accessKey = ACCESS_KEY.read(map);
    String secretKey = SECRET_KEY.read(map);
    if ((accessKey == null) != (secretKey == null)) {
      throw new ConfigException(map.field(accessKey == null ? "access_key" : "secret_key")
          + ": access_key and secret_key go together; set both (e.g. secret_key: ${S3_SECRET_KEY}) or neither"
          + " to use the default AWS credential chain");
    }
    return new S3SourceConfig(
        BUCKET.read(map),
        PREFIX.read(map),
        INCLUDE.read(map),
        EXCLUDE.read(map),
        REGION.read(map),
        endpoint(map),
        PATH_STYLE.read(map),
        accessKey,
        secretKey,
        MAX_FILE_SIZE.read(map),
        PAGE_SIZE.read(map),
        TIMEOUT.read(map));
  }

  private static URI endpoint(ConfigMap map) {
    String raw = ENDPOINT.read(map);
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
