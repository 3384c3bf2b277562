package dev.ingestion.source;

/** Receives a source's listing, item by item, so listings of any size stream. */
public interface ListingListener {
  void item(SourceItem item);

  /** An entry the source saw but will not offer, with the reason (e.g. it escapes the root). */
  void skipped(String externalId, String reason);
}
