package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.tags.ProcessTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Off-site backups through the real AWS SDK against s3proxy (in-process, signatures checked): the
 * backup lands in the bucket, old ones beyond --keep are deleted, and restore --from brings it back.
 */
@ProcessTest
class OffsiteBackupTest extends InProcessCli {
  static final String KEY = "backup-test-access";
  static final String SECRET = "backup-test-secret";

  @TempDir Path dir;
  BlobStore store = new TransientNio2BlobStore();
  S3Proxy proxy;

  @BeforeEach
  void start() throws Exception {
    proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
    proxy.setBlobStoreLocator((identity, container, blob) -> KEY.equals(identity) ? new AccessGrant(SECRET, store) : null);
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    store.createContainer("ingestion-backups");
    // the AWS SDK's default credential chain reads these first, as it would read AWS_ACCESS_KEY_ID in production
    System.setProperty("aws.accessKeyId", KEY);
    System.setProperty("aws.secretAccessKey", SECRET);
  }

  @AfterEach
  void stop() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    proxy.stop();
  }

  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** What the bucket holds, read back with the AWS SDK. */
  List<String> keys() {
    try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint()))
        .forcePathStyle(true).httpClientBuilder(Apache5HttpClient.builder())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET))).build()) {
      return s3.listObjectsV2(ListObjectsV2Request.builder().bucket("ingestion-backups").build()).contents().stream()
          .map(S3Object::key).sorted().toList();
    }
  }

  static long documents(Path db) {
    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      return d.withConnection(c -> d.sql(c).queryLong("SELECT count(*) FROM documents WHERE status = 'completed'"));
    }
  }

  @Test
  void a_backup_lands_in_the_bucket_verified_and_restores_from_it() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(corpus.resolve("note-" + i + ".txt"), "retention policy note " + i + ". ".repeat(20));
    }
    Path live = dir.resolve("live.db");
    assertThat(run("ingest", corpus.toString(), "--db", live.toString(), "--no-progress")).isZero();

    assertThat(run("backup", "--to", "s3://ingestion-backups/nightly/", "--s3-endpoint", endpoint(),
        "--db", live.toString())).as(out).isZero();
    assertThat(out).contains("verified: integrity ok, 5 documents").contains("uploaded: s3://ingestion-backups/nightly/backup_")
        .contains("size and checksum match");
    assertThat(keys()).singleElement().satisfies(k -> assertThat(k).matches("nightly/backup_\\d{8}_\\d{6}\\.db"));

    Path restored = dir.resolve("restored/ingestion.db");
    assertThat(run("restore", "--from", "s3://ingestion-backups/nightly/", "--s3-endpoint", endpoint(),
        "--db", restored.toString())).as(out).isZero();
    assertThat(out).contains("downloaded: s3://" + "ingestion-backups/" + keys().getFirst());
    assertThat(documents(restored)).isEqualTo(5);
    assertThat(run("verify", "--db", restored.toString())).isZero();
  }

  @Test
  void retention_keeps_the_newest_backups_and_restore_takes_a_named_one() throws Exception {
    Path live = dir.resolve("live.db");
    Path corpus = Files.createDirectories(dir.resolve("c"));
    Files.writeString(corpus.resolve("a.txt"), "first document");
    assertThat(run("ingest", corpus.toString(), "--db", live.toString(), "--no-progress")).isZero();
    for (String old : List.of("backup_20240101_000000.db", "backup_20240102_000000.db", "backup_20240103_000000.db")) {
      store.putBlob(software.amazon.awssdk.services.s3.model.PutObjectRequest.builder().bucket("ingestion-backups")
          .key("daily/" + old).contentLength(3L).build(), new java.io.ByteArrayInputStream("old".getBytes()));
    }
    store.putBlob(software.amazon.awssdk.services.s3.model.PutObjectRequest.builder().bucket("ingestion-backups")
        .key("daily/README.txt").contentLength(2L).build(), new java.io.ByteArrayInputStream("hi".getBytes()));

    assertThat(run("backup", "--to", "s3://ingestion-backups/daily/", "--keep", "2", "--s3-endpoint", endpoint(),
        "--db", live.toString())).as(out).isZero();
    assertThat(out).contains("keeping the newest 2 backup(s)").contains("deleted 2");
    List<String> keys = keys();
    assertThat(keys).hasSize(3).contains("daily/README.txt", "daily/backup_20240103_000000.db");
    String newest = keys.stream().filter(k -> k.startsWith("daily/backup_2") && !k.contains("2024")).findFirst()
        .orElseThrow();

    Path restored = dir.resolve("r.db");
    String name = newest.substring("daily/".length());
    assertThat(run("restore", "--from", "s3://ingestion-backups/daily/" + name, "--s3-endpoint", endpoint(),
        "--db", restored.toString())).as(out).isZero();
    assertThat(documents(restored)).isEqualTo(1);

    assertThat(run("backup", "--to", "s3://ingestion-backups/daily/x.db", "--db", live.toString())).isNotZero();
    assertThat(run("restore", "--from", "s3://ingestion-backups/empty/", "--s3-endpoint", endpoint(),
        "--db", dir.resolve("none.db").toString())).isNotZero();
  }
}
