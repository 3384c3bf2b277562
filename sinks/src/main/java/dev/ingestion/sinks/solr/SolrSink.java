package dev.ingestion.sinks.solr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.sink.Sink;
import dev.ingestion.sink.SinkConfig;
import dev.ingestion.sink.SinkMark;
import dev.ingestion.sink.SinkUnavailableException;
import dev.ingestion.sinks.http.SearchHttp;
import dev.ingestion.store.FeedChange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the change feed into a Solr core or collection with the JSON update API: {@code add} by chunk id
 * for an upsert, {@code delete} by id for a delete, in feed order, one request and a hard commit per
 * batch (so an acknowledged batch is on disk). Solr stops a request at the first document it refuses; the
 * sink then sends the batch again in halves, down to the refused change, which is reported with Solr's
 * reason while the rest are written (sending a change again is harmless: by id).
 *
 * <p>The mark is a document of its own under the id {@value #MARK_ID} (it has no text); it goes away with
 * the core's documents, so an emptied or re-created core is noticed and rebuilt.
 */
final class SolrSink implements Sink {
  static final String MARK_ID = "_ingestion_sink_mark";
  private static final Logger LOG = LoggerFactory.getLogger(SolrSink.class);
  private static final String JSON_TYPE = "application/json";

  private final SinkConfig common;
  private final SolrSinkConfig config;
  private final SearchHttp http;
  private final String base;
  private volatile String idField = "id";

  SolrSink(SinkConfig common, SolrSinkConfig config) {
    this.common = common;
    this.config = config;
    this.http = new SearchHttp(config.target());
    this.base = "/" + config.collection();
  }

  @Override
  public SinkConfig config() {
    return common;
  }

  @Override
  public Optional<SinkMark> open() {
    JsonNode schema = schema();
    idField = schema.path("uniqueKey").asText("id");
    Map<String, Object> missing = SolrSchema.missing(schema, config.dimensions());
    if (!missing.isEmpty()) {
      addFields(missing);
    }
    SearchHttp.Response r = http.get(base + "/get?wt=json&id=" + MARK_ID);
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot read the sink's mark from " + where() + ": " + r.reason());
    }
    JsonNode doc = r.body().path("doc");
    if (!doc.has(SolrSchema.MARK_SEQ) || !doc.has(SolrSchema.MARK_STAMP)) {
      return Optional.empty();
    }
    return Optional.of(new SinkMark(first(doc.get(SolrSchema.MARK_SEQ)).asLong(),
        first(doc.get(SolrSchema.MARK_STAMP)).asText()));
  }

  private JsonNode schema() {
    SearchHttp.Response r = http.get(base + "/schema?wt=json");
    if (r.status() == 404) {
      throw new SinkUnavailableException("there is no core or collection '" + config.collection() + "' at "
          + config.url() + ": create it first (e.g. bin/solr create -c " + config.collection() + ")");
    }
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot read the schema of " + where() + ": " + r.reason());
    }
    return r.body().path("schema");
  }

  private void addFields(Map<String, Object> commands) {
    SearchHttp.Response r = http.post(base + "/schema?wt=json", commands);
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot add the sink's fields to the schema of " + where() + " (a managed"
          + " schema is needed, or add them yourself: " + commands + "): " + r.reason());
    }
    LOG.info("sink {}: added to the schema of {}: {}", common.name(), where(), commands.keySet());
  }

  private static JsonNode first(JsonNode value) {
    return value.isArray() ? value.path(0) : value;
  }

  @Override
  public void mark(SinkMark mark) {
    Map<String, Object> doc = Map.of(idField, MARK_ID, SolrSchema.MARK_SEQ, mark.seq(), SolrSchema.MARK_STAMP,
        mark.stamp());
    SearchHttp.Response r = http.post(base + "/update?wt=json", Map.of("add", Map.of("doc", doc)));
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot record the sink's position in " + where() + ": " + r.reason());
    }
  }

  @Override
  public List<Rejection> write(List<FeedChange> changes) {
    SearchHttp.Response r = update(changes, "&commit=true");
    if (r.ok()) {
      return List.of();
    }
    List<Rejection> refused = new ArrayList<>();
    split(changes, r, refused);
    commit();
    return refused;
  }

  private SearchHttp.Response update(List<FeedChange> changes, String params) {
    return http.post(base + "/update?wt=json" + params, JSON_TYPE,
        SolrDocuments.update(idField, changes, config.dimensions() > 0));
  }

  private void send(List<FeedChange> changes, List<Rejection> refused) {
    SearchHttp.Response r = update(changes, "");
    if (!r.ok()) {
      split(changes, r, refused);
    }
  }

  /** After Solr refused {@code changes} with {@code r}: the refused change itself, or the two halves in turn. */
  private void split(List<FeedChange> changes, SearchHttp.Response r, List<Rejection> refused) {
    if (r.status() != 400) {
      throw new SinkUnavailableException("the update of " + changes.size() + " changes was refused by " + where()
          + " with " + r.status() + ": " + r.reason() + (r.status() == 413 ? " (lower batch_size)" : ""));
    }
    if (changes.size() == 1) {
      refused.add(new Rejection(changes.get(0).id(), "400 " + r.reason()));
      return;
    }
    int half = changes.size() / 2;
    send(changes.subList(0, half), refused);
    send(changes.subList(half, changes.size()), refused);
  }

  private void commit() {
    SearchHttp.Response r = http.post(base + "/update?wt=json", Map.of("commit", Map.of()));
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot commit to " + where() + ": " + r.reason());
    }
  }

  @Override
  public void clear() {
    SearchHttp.Response r = http.post(base + "/update?wt=json&commit=true", Map.of("delete", Map.of("query", "*:*")));
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot empty " + where() + ": " + r.reason());
    }
  }

  @Override
  public long count() {
    String notMark = URLEncoder.encode("-" + idField + ":" + MARK_ID, StandardCharsets.UTF_8);
    SearchHttp.Response r = http.get(base + "/select?wt=json&q=*:*&rows=0&fq=" + notMark);
    if (!r.ok()) {
      throw new SinkUnavailableException("cannot count the documents of " + where() + ": " + r.reason());
    }
    return r.body().path("response").path("numFound").asLong();
  }

  private String where() {
    return config.collection() + " on " + config.url();
  }

  @Override
  public void close() {
    http.close();
  }
}
