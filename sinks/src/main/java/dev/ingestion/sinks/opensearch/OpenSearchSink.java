package dev.ingestion.sinks.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.sink.Sink;
import dev.ingestion.sink.SinkConfig;
import dev.ingestion.sink.SinkMark;
import dev.ingestion.sink.SinkUnavailableException;
import dev.ingestion.sinks.http.SearchHttp;
import dev.ingestion.store.FeedChange;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the change feed into an OpenSearch or Elasticsearch index with the REST Bulk API: {@code index}
 * (create or replace) by chunk id for an upsert, {@code delete} by chunk id for a delete. The index's
 * mapping {@code _meta.ingestion} holds the sink's mark, so the mark goes away with the index.
 */
final class OpenSearchSink implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(OpenSearchSink.class);
  private static final String META = "ingestion";

  private final SinkConfig common;
  private final OpenSearchSinkConfig config;
  private final SearchHttp http;
  private volatile IndexMapping.Engine engine;

  OpenSearchSink(SinkConfig common, OpenSearchSinkConfig config) {
    this.common = common;
    this.config = config;
    this.http = new SearchHttp(config.target());
  }

  @Override
  public SinkConfig config() {
    return common;
  }

  @Override
  public Optional<SinkMark> open() {
    String index = "/" + config.index();
    if (http.head(index).status() == 404) {
      create(index);
    }
    SearchHttp.Response r = http.get(index + "/_mapping");
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot read the mapping of index " + config.index() + ": " + r.reason());
    }
    Iterator<JsonNode> indices = r.body().elements();
    if (!indices.hasNext()) {
      return Optional.empty();
    }
    JsonNode mappings = indices.next().path("mappings");
    addKind(index, mappings);
    JsonNode mark = mappings.path("_meta").path(META);
    if (!mark.has("seq") || !mark.has("stamp")) {
      return Optional.empty();
    }
    return Optional.of(new SinkMark(mark.get("seq").asLong(), mark.get("stamp").asText()));
  }

  /** An index created before chunks carried their kind gains the field (its mapping is strict). */
  private void addKind(String index, JsonNode mappings) {
    if (!mappings.path("properties").isObject() || mappings.path("properties").has("kind")) {
      return;
    }
    SearchHttp.Response r = http.put(index + "/_mapping", Map.of("properties", Map.of("kind", Map.of("type", "keyword"))));
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot add the keyword field 'kind' to index " + config.index() + ": "
          + r.reason() + " (add it to the mapping by hand)");
    }
  }

  private void create(String index) {
    SearchHttp.Response r = http.put(index, IndexMapping.create(engine(), config.dimensions()));
    if (r.ok()) {
      LOG.info("sink {}: created index {} on {} ({})", common.name(), config.index(), config.url(), engine());
      return;
    }
    if (!r.reason().contains("resource_already_exists_exception")) {
      throw new SinkUnavailableException("cannot create index " + config.index() + " on " + config.url() + ": "
          + r.reason() + (config.dimensions() > 0 && engine() == IndexMapping.Engine.OPENSEARCH
              ? " (vectors need the k-NN plugin; remove 'dimensions' to index text only)" : ""));
    }
  }

  private IndexMapping.Engine engine() {
    if (engine == null) {
      SearchHttp.Response r = http.get("/");
      if (!r.ok()) {
        throw new SinkUnavailableException(config.url() + " is not an OpenSearch or Elasticsearch node: " + r.reason());
      }
      engine = "opensearch".equals(r.body().path("version").path("distribution").asText())
          ? IndexMapping.Engine.OPENSEARCH : IndexMapping.Engine.ELASTICSEARCH;
    }
    return engine;
  }

  @Override
  public void mark(SinkMark mark) {
    meta(Map.of(META, Map.of("seq", mark.seq(), "stamp", mark.stamp())));
  }

  private void meta(Map<String, Object> meta) {
    SearchHttp.Response r = http.put("/" + config.index() + "/_mapping", Map.of("_meta", meta));
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot record the sink's position on index " + config.index() + ": "
          + r.reason());
    }
  }

  @Override
  public List<Rejection> write(List<FeedChange> changes) {
    SearchHttp.Response r = http.post("/_bulk", "application/x-ndjson", OpenSearchDocuments.bulk(config.index(), changes,
        config.dimensions() > 0));
    if (!r.ok()) {
      throw new SinkUnavailableException("the bulk request of " + changes.size() + " changes was refused with "
          + r.status() + ": " + r.reason() + (r.status() == 413 ? " (lower batch_size)" : ""));
    }
    JsonNode items = r.body().path("items");
    if (items.size() != changes.size()) {
      throw new SinkUnavailableException("the bulk response lists " + items.size() + " results for "
          + changes.size() + " changes");
    }
    return rejections(changes, items);
  }

  /** Items refused for what they are; an item refused for load (429, 5xx) fails the batch, to be repeated. */
  private static List<Rejection> rejections(List<FeedChange> changes, JsonNode items) {
    List<Rejection> out = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      JsonNode item = items.get(i).elements().next();
      int status = item.path("status").asInt();
      boolean deleteOfAbsent = changes.get(i) instanceof FeedChange.Delete && status == 404;
      if (status < 300 || deleteOfAbsent) {
        continue;
      }
      String reason = item.path("error").path("type").asText("error") + ": " + item.path("error").path("reason").asText();
      if (status == 429 || status >= 500) {
        throw new SinkUnavailableException("the target could not take chunk " + changes.get(i).id() + " now ("
            + status + "): " + reason);
      }
      out.add(new Rejection(changes.get(i).id(), status + " " + reason));
    }
    return out;
  }

  @Override
  public void clear() {
    SearchHttp.Response r = http.post("/" + config.index() + "/_delete_by_query?refresh=true&conflicts=proceed",
        Map.of("query", Map.of("match_all", Map.of())));
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot empty index " + config.index() + ": " + r.reason());
    }
    meta(Map.of());
  }

  @Override
  public long count() {
    SearchHttp.Response r = http.get("/" + config.index() + "/_count");
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot count index " + config.index() + ": " + r.reason());
    }
    return r.body().path("count").asLong();
  }

  @Override
  public void close() {
    http.close();
  }
}
