package dev.ingestion.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every cache of the process, by name, so an operator can clear them all at once. */
public final class CacheRegistry {
  private final Map<String, Memo<?>> caches = new LinkedHashMap<>();

  public synchronized <T> Memo<T> register(String name, Memo<T> memo) {
    caches.put(name, memo);
    return memo;
  }

  /** What one cache held when it was cleared. */
  public record Cleared(String cache, boolean hadValue) {}

  public synchronized List<Cleared> clearAll() {
    List<Cleared> out = new ArrayList<>();
    caches.forEach((name, memo) -> out.add(new Cleared(name, memo.clear())));
    return out;
  }
}
