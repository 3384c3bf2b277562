package dev.ingestion.connectors.s3;

import dev.ingestion.model.InvalidInputException;

/**
 * An {@code s3://bucket/prefix/[name]} address: the prefix ends with a slash (or is empty); {@code name}
 * is what follows the last slash, null when the address ends with one.
 */
public record S3Location(String bucket, String prefix, String name) {

  public static S3Location parse(String url) {
    if (url == null || !url.startsWith("s3://")) {
      throw new InvalidInputException("expected an address such as s3://bucket/prefix/, got '" + url + "'");
    }
    String rest = url.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new InvalidInputException("'" + bucket + "' in " + url + " is not a valid bucket name");
    }
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    int last = path.lastIndexOf('/');
    String prefix = path.substring(0, last + 1);
    String name = path.substring(last + 1);
    return new S3Location(bucket, prefix, name.isEmpty() ? null : name);
  }

  /** The full address of {@code name} below this prefix. */
  public String url(String objectName) {
    return "s3://" + bucket + "/" + prefix + objectName;
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
