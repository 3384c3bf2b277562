package dev.ingestion.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches a route (a URI or headers over the size limit,
 * a request line it cannot parse): the same JSON error body as every other error, never an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final Map<Integer, String[]> KNOWN = Map.of(
      400, new String[] {"bad_request", "the request could not be parsed as HTTP; check the request line, the"
          + " URL encoding and the headers"},
      413, new String[] {"body_too_large", "the request body is over the 1 MB limit; send a smaller body"},
      414, new String[] {"uri_too_long", "the URL is too long; shorten the path or the query string"},
      431, new String[] {"headers_too_large", "the request headers are too large; send fewer or shorter headers"});

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    String[] known = KNOWN.getOrDefault(status, new String[] {"http_" + status,
        "the server refused the request (HTTP " + status + ")"});
    String body = Json.mapper().createObjectNode().put("error", known[0]).put("message", known[1]).toString();
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
