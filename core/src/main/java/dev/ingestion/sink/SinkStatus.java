package dev.ingestion.sink;

import dev.ingestion.store.SinkStateRepository;
import java.util.LinkedHashMap;
import java.util.Map;

/** One sink as GET /sinks and the metrics show it: configuration, stored state, lag and live activity. */
public record SinkStatus(SinkConfig config, SinkStateRepository.State state, long headSeq, long lag,
    SinkService.Activity activity) {

  /** True while the last attempt to write the target failed. */
  public boolean failing() {
    return state.lastError() != null;
  }

  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", config.name());
    m.put("type", config.type());
    m.put("cursor", state.cursor().toString());
    m.put("head_cursor", Long.toString(headSeq));
    m.put("lag", lag);
    m.put("state", failing() && !"backing_off".equals(activity.state()) ? "failing" : activity.state());
    m.put("applied_changes", state.applied());
    m.put("rejected_changes", state.rejected());
    m.put("resyncs", state.resyncs());
    m.put("last_resync_reason", state.lastResyncReason());
    m.put("last_success_at", state.lastSuccessAt());
    m.put("last_error", state.lastError());
    m.put("last_error_at", state.lastErrorAt());
    m.put("consecutive_failures", activity.consecutiveFailures());
    m.put("next_attempt_at", activity.nextAttemptAt());
    m.put("alert_lag", config.alertLag());
    return m;
  }
}
