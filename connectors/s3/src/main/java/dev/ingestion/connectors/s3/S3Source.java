package dev.ingestion.connectors.s3;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Stage;
import dev.ingestion.source.CheckResult;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceItem;
import dev.ingestion.temp.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in a bucket below a prefix. External ids are the full object keys; the change marker is
 * ETag, size and last-modified together. Objects are spooled to a temporary file on fetch, never
 * held in memory, and objects over {@code max_file_size} are refused before any byte is downloaded.
 */
public final class S3Source implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(S3Source.class);

  private final String name;
  private final S3SourceConfig config;
  private final KeyFilter filter;
  private final S3Client client;

  public S3Source(String name, S3SourceConfig config) {
    this.name = name;
    this.config = config;
    this.filter = new KeyFilter(config.include(), config.exclude());
    this.client = client(config);
  }

  static S3Client client(S3SourceConfig config) {
    S3ClientBuilder builder = S3Client.builder()
        .region(Region.of(config.region()))
        .credentialsProvider(credentials(config))
        .forcePathStyle(config.pathStyle())
        .httpClientBuilder(Apache5HttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(config.timeout()))
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(config.timeout()));
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3SourceConfig config) {
    if (config.accessKey() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return S3SourceFactory.TYPE;
  }

  @Override
  public String location() {
    String endpoint = config.endpoint() == null ? "" : " at " + config.endpoint();
    return "s3://" + config.bucket() + "/" + config.prefix() + endpoint;
  }

  public S3SourceConfig config() {
    return config;
  }

  @Override
  public void list(ListingListener listener) {
    ListObjectsV2Request request = ListObjectsV2Request.builder()
        .bucket(config.bucket()).prefix(config.prefix()).maxKeys(config.pageSize()).build();
    try {
      for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
        offer(object, listener);
      }
    } catch (SdkException e) {
      throw S3Errors.listing(name, location(), e);
    }
  }

  private void offer(S3Object object, ListingListener listener) {
    String key = object.key();
    if (key.endsWith("/")) {
      return; // a "folder" placeholder, not a document
    }
    if (!filter.wanted(key.substring(config.prefix().length()))) {
      return;
    }
    listener.item(new SourceItem(key, marker(object.eTag(), object.size(), object.lastModified()), object.size(),
        object.lastModified()));
  }

  static String marker(String eTag, Long size, Instant lastModified) {
    return eTag + "/" + size + "/" + lastModified;
  }

  @Override
  public FetchedContent fetch(String key) {
    HeadObjectResponse head;
    try {
      head = client.headObject(r -> r.bucket(config.bucket()).key(key));
    } catch (SdkException e) {
      throw S3Errors.fetch(key, e);
    }
    if (head.contentLength() > config.maxFileSize()) {
      throw new DocumentException(Stage.FETCH, FailureCategory.TOO_LARGE, String.format(
          "%s is %,d bytes, over this source's max_file_size of %,d bytes; raise max_file_size to ingest it",
          key, head.contentLength(), config.maxFileSize()));
    }
    return download(key, head.eTag());
  }

  private FetchedContent download(String key, String eTag) {
    Path file = tempFile(key);
    try (ResponseInputStream<GetObjectResponse> in =
        client.getObject(r -> r.bucket(config.bucket()).key(key).ifMatch(eTag))) {
      long copied = copyBounded(in, file, key);
      GetObjectResponse response = in.response();
      LOG.debug("fetched s3://{}/{} ({} bytes)", config.bucket(), key, copied);
      return new SpooledObject(file, copied, fileName(key),
          marker(response.eTag(), response.contentLength(), response.lastModified()));
    } catch (SdkException e) {
      deleteQuietly(file);
      throw S3Errors.fetch(key, e);
    } catch (IOException e) {
      deleteQuietly(file);
      throw new DocumentException(Stage.FETCH, FailureCategory.SOURCE_UNAVAILABLE,
          "download of " + key + " broke off: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(file);
      throw e;
    }
  }

  private long copyBounded(InputStream in, Path file, String key) throws IOException {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > config.maxFileSize()) {
          throw new DocumentException(Stage.FETCH, FailureCategory.TOO_LARGE,
              key + " grew past this source's max_file_size of " + config.maxFileSize() + " bytes while downloading");
        }
        out.write(buffer, 0, n);
      }
    }
    return total;
  }

  private static Path tempFile(String key) {
    try {
      return TempFiles.createFile("s3", "_" + fileName(key).replaceAll("[^A-Za-z0-9._-]", "_"));
    } catch (IOException e) {
      throw new DocumentException(Stage.FETCH, FailureCategory.RESOURCE_EXHAUSTED,
          "cannot create a temporary file for " + key + " in " + TempFiles.dir() + ": " + e, e);
    }
  }

  private static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }

  @Override
  public CheckResult check() {
    long start = System.nanoTime();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("bucket", config.bucket());
    details.put("prefix", config.prefix());
    try {
      int seen = client.listObjectsV2(r -> r.bucket(config.bucket()).prefix(config.prefix()).maxKeys(1)).keyCount();
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      details.put("latency_ms", latency.toMillis());
      return new CheckResult(true, latency, seen == 0 ? "bucket reachable and listable; no objects under the prefix"
          : "bucket reachable, authenticated and listable", details);
    } catch (SdkException e) {
      details.put("category", S3Errors.category(e).dbValue());
      return new CheckResult(false, Duration.ofNanos(System.nanoTime() - start), S3Errors.describe(e), details);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
