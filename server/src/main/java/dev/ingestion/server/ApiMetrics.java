package dev.ingestion.server;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** The process's Micrometer registry (scraped as Prometheus text) and the HTTP request observers. */
public final class ApiMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SecurityMonitor security;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public ApiMetrics(Clock clock) {
    this.security = new SecurityMonitor(clock);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public SecurityMonitor security() {
    return security;
  }

  void record(Context ctx, float ms) {
    Object route = ctx.attribute(RouteTable.ROUTE);
    int status = ctx.status().getCode();
    Timer.builder("http.server.requests").description("HTTP requests served by the operations API")
        .tag("method", ctx.method().name()).tag("route", route == null ? "unmatched" : route.toString())
        .tag("status", String.valueOf(status)).register(registry).record(Math.round(ms * 1000), TimeUnit.MICROSECONDS);
    security.record(ctx.method().name(), ctx.path(), ctx.queryString(), status, ctx.ip());
  }

  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
