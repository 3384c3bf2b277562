package dev.ingestion.source;

/**
 * Where documents come from. Implementations classify their own failures: a listing problem is thrown
 * as {@link SourceException}; a fetch problem as a {@link dev.ingestion.model.DocumentException} with
 * stage FETCH.
 */
public interface Source {
  String name();

  String type();

  /** Where it points, without credentials: a folder, a bucket and prefix, a site URL. */
  String location();

  void list(ListingListener listener);

  FetchedContent fetch(String externalId);

  CheckResult check();
}
