package dev.ingestion.parse;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.ExtractedDocument;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child process that parses for an {@link IsolatedDocumentParser}: reads requests on stdin, answers
 * on stdout, one document at a time, until stdin closes or the worker that started it dies. A child with
 * more than one lane also listens on a Unix domain socket in its temporary folder and serves each of the
 * other lanes' connections the same way, each on a thread of its own that parses what it reads (no
 * hand-off between threads); all lanes share one parser, so Tika is loaded and compiled once. Started
 * with a bounded heap and -XX:+ExitOnOutOfMemoryError, so a document that exhausts memory kills only
 * this process. Anything the parsers print goes to stderr, never into the protocol stream. Before the
 * first request it builds its parser and parses a small document, so the first real one finds Tika warm.
 *
 * <p>Arguments: maxEmbeddedDepth maxEmbeddedCount maxCompressionRatio maxChars ocr [lanes socket], where ocr
 * is {@code off} or the Tesseract languages ({@code eng+deu}), lanes the documents parsed at once (default 1)
 * and socket the path the other lanes connect to.
 */
public final class ParseServer {
  /** Documents being parsed now, by any lane. */
  private static final AtomicInteger PARSING = new AtomicInteger();

  private ParseServer() {}

  public static void main(String[] args) throws Exception {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    ignoreStopSignals();
    // An orphan (its worker was SIGKILLed) must not go on parsing for nobody; an idle one gets end of
    // input and exits normally (writing the class-data archive if it is the first).
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
      if (PARSING.get() > 0) {
        Runtime.getRuntime().halt(0);
      }
    }));
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
    int depth = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    long ratio = Long.parseLong(args[2]);
    OcrConfig ocr = "off".equals(args[4]) ? OcrConfig.OFF : new OcrConfig(true, java.util.List.of(args[4].split("\\+")));
    ParseLimits base = new ParseLimits(Integer.parseInt(args[3]), depth, count, ratio, Duration.ofDays(1)).withOcr(ocr);
    Map<Integer, TikaDocumentParser> parsers = new ConcurrentHashMap<>();
    warmUp(parser(parsers, base.maxChars(), base));
    int lanes = args.length > 5 ? Integer.parseInt(args[5]) : 1;
    List<Channel> sockets = new CopyOnWriteArrayList<>();
    if (lanes > 1) {
      listen(Path.of(args[6]), lanes - 1, parsers, base, sockets);
    }
    out.writeByte(ParseProtocol.READY);
    out.flush();
    // stdin's end (the worker closed it, or died) ends the process, whatever the other lanes are doing
    serveLane(in, out, parsers, base);
    // The JVM's exit waits up to 300 ms for threads in native code: a lane blocked reading its socket
    // would be one. Closed, its read ends at once.
    for (Channel socket : sockets) {
      socket.close();
    }
  }

  /** Reads and answers one lane's requests until its input ends. */
  private static void serveLane(DataInputStream in, DataOutputStream out, Map<Integer, TikaDocumentParser> parsers,
      ParseLimits base) throws java.io.IOException {
    while (true) {
      ParseProtocol.Request request;
      try {
        request = ParseProtocol.readRequest(in);
      } catch (EOFException e) {
        return;
      }
      serve(parser(parsers, request.maxChars(), base), request, out);
    }
  }

  /**
   * Binds the socket the other lanes connect to (before READY, so the worker finds it there) and serves
   * each connection on a daemon thread: the process ends with stdin, not with these.
   */
  private static void listen(Path socket, int connections, Map<Integer, TikaDocumentParser> parsers, ParseLimits base,
      List<Channel> sockets) throws java.io.IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    sockets.add(server);
    Thread.ofPlatform().daemon().name("parse-accept").start(() -> {
      try (server) {
        for (int i = 0; i < connections; i++) {
          SocketChannel lane = server.accept();
          sockets.add(lane);
          Thread.ofPlatform().daemon().name("parse-lane-" + (i + 1)).start(() -> {
            try (lane) {
              serveLane(new DataInputStream(new BufferedInputStream(Channels.newInputStream(lane))),
                  new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(lane))), parsers, base);
            } catch (java.io.IOException e) {
              // the worker closed its end: nothing to answer
            } catch (RuntimeException | Error e) {
              // as on the first lane, where it would end main(): the process exits with 1 (a crash)
              e.printStackTrace();
              Runtime.getRuntime().halt(1);
            }
          });
        }
      } catch (java.io.IOException e) {
        System.err.println("parser process: cannot accept a lane: " + e);
      }
    });
  }

  /**
   * A child stops only when its worker says so (end of input) or kills it: SIGINT from Ctrl-C reaches
   * the whole process group and SIGTERM from a service manager the whole control group, and a child
   * that died of them mid-document would look like a crash on that document while the worker drains.
   * Through reflection because sun.misc.Signal is not public API (javac would warn).
   */
  private static void ignoreStopSignals() {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object ignore = handler.getField("SIG_IGN").get(null);
      java.lang.reflect.Method handle = signal.getMethod("handle", signal, handler);
      for (String name : new String[] {"INT", "TERM"}) {
        handle.invoke(null, signal.getConstructor(String.class).newInstance(name), ignore);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("parser process: cannot ignore stop signals: " + e);
    }
  }

  private static TikaDocumentParser parser(Map<Integer, TikaDocumentParser> parsers, int maxChars, ParseLimits base) {
    // The parent enforces the wall-clock limit by killing this process; no timeout thread is needed here.
    return parsers.computeIfAbsent(maxChars,
        chars -> TikaDocumentParser.forParserProcess(base.withTimeoutAndChars(base.timeout(), chars)));
  }

  private static void warmUp(TikaDocumentParser parser) {
    byte[] html = "<html><head><title>warm-up</title></head><body><h1>Warm</h1><p>up.</p></body></html>"
        .getBytes(StandardCharsets.UTF_8);
    try {
      parser.parse(new ByteArrayInputStream(html), "warm-up.html", html.length);
    } catch (DocumentException e) {
      System.err.println("parser warm-up failed: " + e.getMessage());
    }
  }

  private static void serve(TikaDocumentParser parser, ParseProtocol.Request request, DataOutputStream out)
      throws java.io.IOException {
    PARSING.incrementAndGet();
    try {
      ParserTestHooks.apply(request.fileName());
      ExtractedDocument doc = parser.parse(Path.of(request.path()), request.fileName(), request.size());
      ParseProtocol.writeDocument(out, doc);
    } catch (DocumentException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      ParseProtocol.writeFailure(out, new ParseProtocol.Failure(e.category(), e.retryable(), e.getMessage(),
          cause.getClass().getName(), dev.ingestion.model.Failure.trace(e)));
    } finally {
      PARSING.decrementAndGet();
    }
  }
}
