package dev.ingestion.source;

/** Receives a source's listing, item by item, so listings of any size stream. */
public interface ListingListener {
  void item(SourceItem item);

  /** An entry the source saw but will not offer, with the reason (e.g. it escapes the root). */
  void skipped(String externalId, String reason);

  /**
   * Declares that this listing reports only what changed since the previous one: items it does not
   * mention are unchanged, not gone, so nothing is marked deleted for their absence.
   */
  default void incremental() {}

  /** An item the source reports as removed (incremental listings say so explicitly). */
  default void deleted(String externalId) {}
}
