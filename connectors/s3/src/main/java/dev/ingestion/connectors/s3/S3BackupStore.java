package dev.ingestion.connectors.s3;

import dev.ingestion.model.IngestionException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Database backups in a bucket below a prefix, through the S3 connector's client: upload (checked by
 * size and, for single-part uploads, the MD5 the store reports), list, keep the newest N, download.
 * Backups are the objects below the prefix named {@code backup_*}; their names sort by time.
 */
public final class S3BackupStore implements AutoCloseable {
  private final S3Location location;
  private final S3Client client;

  /** {@code endpoint} points at an S3-compatible store (path-style addressing); null means AWS. */
  public S3BackupStore(S3Location location, URI endpoint, String region) {
    this.location = location;
    this.client = S3Source.client(new S3SourceConfig(location.bucket(), location.prefix(), List.of("**"), List.of(),
        region, endpoint, endpoint != null, null, null, Long.MAX_VALUE, 1000, Duration.ofMinutes(10)));
  }

  /** A stored backup. */
  public record Stored(String key, long size, Instant lastModified) {
    public String url(String bucket) {
      return "s3://" + bucket + "/" + key;
    }
  }

  /** Uploads {@code file} as {@code prefix + name} and checks what the store now holds. */
  public Stored upload(Path file, String name) {
    String key = location.prefix() + name;
    try {
      String md5 = md5(file);
      client.putObject(r -> r.bucket(location.bucket()).key(key), RequestBody.fromFile(file));
      HeadObjectResponse head = client.headObject(r -> r.bucket(location.bucket()).key(key));
      long size = Files.size(file);
      String etag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
      if (head.contentLength() != size || (etag.matches("[0-9a-f]{32}") && !etag.equals(md5))) {
        throw new IngestionException("upload of " + location.url(name) + " does not match the local file (size "
            + head.contentLength() + " vs " + size + ", etag " + etag + " vs md5 " + md5 + ")");
      }
      return new Stored(key, size, head.lastModified());
    } catch (SdkException e) {
      throw new IngestionException("cannot upload to " + location.url(name) + ": " + S3Errors.describe(e), e);
    } catch (IOException e) {
      throw new IngestionException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The backups below the prefix, oldest first. */
  public List<Stored> list() {
    List<Stored> out = new ArrayList<>();
    try {
      for (S3Object o : client.listObjectsV2Paginator(r -> r.bucket(location.bucket()).prefix(location.prefix()))
          .contents()) {
        String name = o.key().substring(location.prefix().length());
        if (name.startsWith("backup_") && !name.contains("/")) {
          out.add(new Stored(o.key(), o.size(), o.lastModified()));
        }
      }
    } catch (SdkException e) {
      throw new IngestionException("cannot list " + location + ": " + S3Errors.describe(e), e);
    }
    out.sort(Comparator.comparing(Stored::key));
    return out;
  }

  /** Deletes all but the newest {@code keep} backups; returns the keys deleted. */
  public List<String> prune(int keep) {
    List<Stored> all = list();
    List<String> deleted = new ArrayList<>();
    for (Stored s : all.subList(0, Math.max(0, all.size() - keep))) {
      try {
        client.deleteObject(r -> r.bucket(location.bucket()).key(s.key()));
      } catch (SdkException e) {
        throw new IngestionException("cannot delete old backup s3://" + location.bucket() + "/" + s.key() + ": "
            + S3Errors.describe(e), e);
      }
      deleted.add(s.key());
    }
    return deleted;
  }

  /** Downloads the named backup, or the newest when {@code name} is null, to {@code target}. */
  public Stored download(String name, Path target) {
    Stored chosen = name == null ? list().stream().reduce((a, b) -> b).orElseThrow(() ->
        new IngestionException("no backups (backup_*) under " + location)) : new Stored(location.prefix() + name, -1, null);
    try (InputStream in = client.getObject(r -> r.bucket(location.bucket()).key(chosen.key()))) {
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return new Stored(chosen.key(), Files.size(target), chosen.lastModified());
    } catch (SdkException e) {
      throw new IngestionException("cannot download s3://" + location.bucket() + "/" + chosen.key() + ": "
          + S3Errors.describe(e), e);
    } catch (IOException e) {
      throw new IngestionException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static String md5(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
