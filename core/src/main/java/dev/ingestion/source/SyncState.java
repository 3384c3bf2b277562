package dev.ingestion.source;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A source's own cursor between listings (a watermark, a delta link), kept by the store per source.
 * A value passed to {@link #save} is only made durable once the listing that produced it has been
 * reconciled; if the listing fails, the previous value stays, so no change is ever skipped.
 */
public interface SyncState {
  Optional<String> load();

  void save(String state);

  /** A state that lives only as long as the object: for tests and ad-hoc listings. */
  static SyncState inMemory() {
    AtomicReference<String> value = new AtomicReference<>();
    return new SyncState() {
      @Override
      public Optional<String> load() {
        return Optional.ofNullable(value.get());
      }

      @Override
      public void save(String state) {
        value.set(state);
      }
    };
  }
}
