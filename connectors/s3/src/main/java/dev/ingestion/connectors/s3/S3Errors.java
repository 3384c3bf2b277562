package dev.ingestion.connectors.s3;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.SourceAccessDeniedException;
import dev.ingestion.model.Stage;
import dev.ingestion.source.SourceException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Classifies S3 failures once, where they are caught. By the time an error reaches here the SDK has
 * already retried throttling, 5xx and connection failures with backoff.
 */
final class S3Errors {
  private S3Errors() {}

  static FailureCategory category(SdkException e) {
    if (e instanceof AwsServiceException s) {
      int status = s.statusCode();
      if (status == 401 || status == 403) {
        return FailureCategory.PERMISSION_DENIED;
      }
      if (status == 404) {
        return FailureCategory.NOT_FOUND;
      }
    }
    return FailureCategory.SOURCE_UNAVAILABLE;
  }

  /** Whether trying again later may help: throttling, server errors, timeouts, broken connections. */
  static boolean retryable(SdkException e) {
    if (e instanceof AwsServiceException s) {
      return s.isThrottlingException() || s.statusCode() >= 500 || s.statusCode() == 429;
    }
    return true;
  }

  static String describe(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      return s.statusCode() + " " + s.awsErrorDetails().errorCode() + ": " + s.awsErrorDetails().errorMessage()
          + hint(category(e));
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static String hint(FailureCategory category) {
    return switch (category) {
      case PERMISSION_DENIED -> " (check the access key, secret key and the bucket policy allow s3:ListBucket"
          + " and s3:GetObject)";
      case NOT_FOUND -> " (check the bucket name, region and endpoint)";
      default -> "";
    };
  }

  static SourceException listing(String source, String location, SdkException e) {
    return new SourceException(category(e), "source '" + source + "': cannot list " + location + ": " + describe(e), e);
  }

  static DocumentException fetch(String key, SdkException e) {
    FailureCategory category = category(e);
    if (category == FailureCategory.PERMISSION_DENIED) {
      return new SourceAccessDeniedException("cannot fetch " + key + ": " + describe(e), e);
    }
    boolean retryable = category == FailureCategory.SOURCE_UNAVAILABLE && retryable(e);
    return new DocumentException(Stage.FETCH, category, retryable, "cannot fetch " + key + ": " + describe(e), e);
  }
}
