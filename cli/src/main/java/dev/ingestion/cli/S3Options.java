package dev.ingestion.cli;

import dev.ingestion.connectors.s3.S3BackupStore;
import dev.ingestion.connectors.s3.S3Location;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Where off-site backups go: an S3-compatible store reached with the AWS SDK's usual credentials
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, or the instance role).
 */
final class S3Options {
  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "An S3-compatible store (MinIO, Ceph, s3proxy) instead of AWS; path-style addressing.")
  URI endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "Region (default: AWS_REGION, else us-east-1).")
  String region;

  S3BackupStore open(S3Location location) {
    String r = region != null ? region : System.getenv().getOrDefault("AWS_REGION", "us-east-1");
    return new S3BackupStore(location, endpoint, r);
  }
}
