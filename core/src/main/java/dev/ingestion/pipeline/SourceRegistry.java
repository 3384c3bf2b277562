package dev.ingestion.pipeline;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Stage;
import dev.ingestion.source.Source;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.source.fs.FileSystemSourceFactory;
import dev.ingestion.store.WorkItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources this process can fetch from: the configured ones, plus folders ingested ad hoc (a
 * filesystem source can be rebuilt from the location stored with it, so any worker can finish it).
 */
public final class SourceRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SourceRegistry.class);
  private final Map<String, Source> configured;
  private final Map<String, Source> adHoc = new ConcurrentHashMap<>();

  public SourceRegistry(Collection<Source> sources) {
    Map<String, Source> byName = new LinkedHashMap<>();
    for (Source s : sources) {
      byName.put(s.name(), s);
    }
    this.configured = Map.copyOf(byName);
  }

  public Collection<Source> configured() {
    return configured.values();
  }

  public Optional<Source> find(String name) {
    return Optional.ofNullable(configured.getOrDefault(name, adHoc.get(name)));
  }

  public void registerAdHoc(Source source) {
    adHoc.put(source.name(), source);
  }

  /** Closes every source's clients; a source that fails to close is logged and the rest still close. */
  @Override
  public void close() {
    List<Source> all = new ArrayList<>(configured.values());
    all.addAll(adHoc.values());
    for (Source s : all) {
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.warn("closing source '{}' failed: {}", s.name(), e.toString());
      }
    }
  }

  /** The source to fetch a work item from. */
  public Source resolve(WorkItem item) {
    Optional<Source> known = find(item.sourceName());
    if (known.isPresent()) {
      return known.get();
    }
    if (FileSystemSourceFactory.TYPE.equals(item.sourceType())) {
      return adHoc.computeIfAbsent(item.sourceName(),
          n -> new FileSystemSource(n, FileSystemSourceConfig.of(Path.of(item.sourceLocation()))));
    }
    throw new DocumentException(Stage.FETCH, FailureCategory.SOURCE_UNAVAILABLE,
        "source '" + item.sourceName() + "' (" + item.sourceType() + ") is not configured in this process;"
            + " add it to ingestion.yml on every worker");
  }
}
