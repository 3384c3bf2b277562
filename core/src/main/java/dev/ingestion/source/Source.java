package dev.ingestion.source;

/**
 * Where documents come from. Implementations classify their own failures: a listing problem is thrown
 * as {@link SourceException}; a fetch problem as a {@link dev.ingestion.model.DocumentException} with
 * stage FETCH.
 */
public interface Source extends AutoCloseable {
  String name();

  String type();

  /** Where it points, without credentials: a folder, a bucket and prefix, a site URL. */
  String location();

  void list(ListingListener listener);

  /**
   * Lists with access to this source's cursor from the previous listing. Sources that sync
   * incrementally override this; the default ignores the state and lists everything.
   */
  default void list(ListingListener listener, SyncState state) {
    list(listener);
  }

  FetchedContent fetch(String externalId);

  CheckResult check();

  /** Releases clients and connection pools; the default holds none. Never throws. */
  @Override
  default void close() {}
}
