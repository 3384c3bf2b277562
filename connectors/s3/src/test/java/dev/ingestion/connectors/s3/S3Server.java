package dev.ingestion.connectors.s3;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real S3 API server in-process: s3proxy on 127.0.0.1 over an in-memory blob store, with signature
 * checking on. Keys under {@code broken/} fail to download with a 503; the bucket {@code forbidden}
 * refuses the configured identity.
 */
final class S3Server implements AutoCloseable {
  static final String ACCESS_KEY = "test-access-key";
  static final String SECRET_KEY = "test-secret-key-do-not-log";

  final BlobStore store = new FailingDownloads(new TransientNio2BlobStore());
  private final S3Proxy proxy;

  S3Server() throws Exception {
    proxy = S3Proxy.builder()
        .blobStore(store)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.setBlobStoreLocator((identity, container, blob) ->
        ACCESS_KEY.equals(identity) && !"forbidden".equals(container) ? new AccessGrant(SECRET_KEY, store) : null);
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  void createBucket(String bucket) {
    store.createContainer(bucket);
  }

  void put(String bucket, String key, String content) {
    put(bucket, key, content.getBytes(StandardCharsets.UTF_8));
  }

  void put(String bucket, String key, byte[] content) {
    store.putBlob(PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) content.length).build(),
        new ByteArrayInputStream(content));
  }

  void delete(String bucket, String key) {
    store.removeBlob(bucket, key);
  }

  S3SourceConfig config(String bucket, String prefix) {
    return new S3SourceConfig(bucket, prefix, List.of("**"), List.of(), "us-east-1", endpoint(), true,
        ACCESS_KEY, SECRET_KEY, S3SourceConfig.DEFAULT_MAX_FILE_SIZE, 1000, java.time.Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop s3proxy", e);
    }
  }

  private static final class FailingDownloads extends ForwardingBlobStore {
    FailingDownloads(BlobStore delegate) {
      super(delegate);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
      if (request.key().startsWith("broken/")) {
        throw S3Exceptions.fromStatusCode(503);
      }
      return super.getBlob(request);
    }
  }
}
