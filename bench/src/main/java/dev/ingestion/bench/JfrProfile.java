package dev.ingestion.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Sums the flight recordings of one benchmark command (the main JVM and each parser child write one):
 * Java CPU-time samples (or, when there are none, execution samples) by pipeline stage and by hottest
 * method, garbage-collection time and the largest heap in use, per kind of process, and divided by a
 * document count. A sample stands for one sampling period (10 ms of CPU time) of one running Java thread, so samples x period estimates the CPU spent in Java code (GC and JIT threads are
 * not sampled; their share is the rest of the process tree's CPU).
 *
 * <p>Usage: {@code JfrProfile DIR DOCUMENTS [SAMPLE_PERIOD_MS]} (default period 20 ms, JFR's default).
 */
public final class JfrProfile {
  private final Map<String, Long> stages = new HashMap<>();
  private final Map<String, Long> methods = new HashMap<>();
  private long samples;
  private final Map<String, Long> cpuStages = new HashMap<>();
  private final Map<String, Long> cpuMethods = new HashMap<>();
  private long cpuSamples;
  private long gcCount;
  private Duration gc = Duration.ZERO;
  private int recordings;
  private long peakHeapUsed;
  private long maxHeapLimit;

  private JfrProfile() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    long docs = Long.parseLong(args[1]);
    int period = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Map<String, JfrProfile> byKind = new HashMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".jfr")).sorted().toList();
    }
    for (Path f : files) {
      String kind = kind(f);
      byKind.computeIfAbsent(kind, k -> new JfrProfile()).read(f);
    }
    byKind.forEach((kind, p) -> p.print(kind, docs, period));
  }

  private static String kind(Path file) throws IOException {
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (e.getEventType().getName().equals("jdk.JVMInformation")) {
        String main = e.getString("javaArguments");
        return main.contains("ParseServer") ? "parser children" : main.contains("RawTikaCorpus") ? "raw tika" : "main JVM";
      }
    }
    return "unknown";
  }

  private void read(Path file) throws IOException {
    recordings++;
    try (RecordingFile rf = new RecordingFile(file)) {
      while (rf.hasMoreEvents()) {
        RecordedEvent e = rf.readEvent();
        switch (e.getEventType().getName()) {
          case "jdk.ExecutionSample" -> {
            if (sample(e.getStackTrace(), stages, methods)) {
              samples++;
            }
          }
          case "jdk.CPUTimeSample" -> {
            if (sample(e.getStackTrace(), cpuStages, cpuMethods)) {
              cpuSamples++;
            }
          }
          case "jdk.GarbageCollection" -> {
            gcCount++;
            gc = gc.plus(e.getDuration());
          }
          case "jdk.GCHeapSummary" -> peakHeapUsed = Math.max(peakHeapUsed, e.getLong("heapUsed"));
          case "jdk.JVMInformation" -> maxHeapLimit = Math.max(maxHeapLimit, maxHeap(e.getString("jvmArguments")));
          default -> { }
        }
      }
    }
  }

  /** The -Xmx of a JVM's arguments in bytes, 0 when it has none. */
  private static long maxHeap(String jvmArguments) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("-Xmx(\\d+)([kKmMgG]?)").matcher(jvmArguments);
    long bytes = 0;
    while (m.find()) {
      int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "k" -> 10;
        case "m" -> 20;
        case "g" -> 30;
        default -> 0;
      };
      bytes = Long.parseLong(m.group(1)) << shift;
    }
    return bytes;
  }

  private static boolean sample(RecordedStackTrace stack, Map<String, Long> stages, Map<String, Long> methods) {
    if (stack == null || stack.getFrames().isEmpty()) {
      return false;
    }
    List<RecordedFrame> frames = stack.getFrames();
    RecordedFrame top = frames.get(0);
    methods.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
    stages.merge(stage(frames), 1L, Long::sum);
    return true;
  }

  /** The stage a sample belongs to: hashing anywhere on the stack, else the innermost frame of ours or a library's. */
  static String stage(List<RecordedFrame> frames) {
    List<String> types = new ArrayList<>(frames.size());
    for (RecordedFrame f : frames) {
      types.add(f.getMethod().getType().getName());
    }
    if (types.stream().anyMatch(t -> t.startsWith("sun.security.provider.") || t.equals("java.security.MessageDigest"))) {
      return "fetch+hash";
    }
    for (String t : types) {
      String s = library(t);
      if (s != null) {
        return s;
      }
      if (t.startsWith("dev.ingestion.")) {
        return ours(t);
      }
    }
    return "jvm/other (class loading, reflection, threads)";
  }

  private static final String TIKA_PARSERS = "org.apache.tika.parser.";

  private static String library(String t) {
    if (t.startsWith("org.apache.pdfbox.") || t.startsWith("org.apache.fontbox.") || t.startsWith("org.apache.tika.parser.pdf.")) {
      return "parse: PDF (PDFBox)";
    }
    if (t.startsWith("org.apache.poi.") || t.startsWith("org.apache.tika.parser.microsoft.")) {
      return "parse: Office (POI)";
    }
    if (t.startsWith("org.ccil.cowan.tagsoup.") || t.startsWith("org.apache.tika.parser.html.")) {
      return "parse: HTML";
    }
    if (t.startsWith("org.apache.tika.detect.") || t.startsWith("org.apache.tika.mime.")
        || t.startsWith("org.apache.tika.parser.txt.") || t.startsWith("com.github.albfernandez.")) {
      return "parse: detection and charsets, text";
    }
    if (t.startsWith("org.apache.commons.compress.") || t.startsWith("java.util.zip.")) {
      return "parse: decompression";
    }
    if (t.startsWith("org.sqlite.")) {
      return null;  // classified by the frame of ours that called it
    }
    if (t.startsWith(TIKA_PARSERS) && t.indexOf('.', TIKA_PARSERS.length()) > 0 || t.startsWith("org.apache.tika.config.")) {
      // Tika's other format parsers (RTF, source code, mail, ...; a sub-package each) and its configuration:
      // not ours, though a frame of ours calls them. The dispatchers every parse goes through
      // (org.apache.tika.parser itself), its SAX and I/O layers are left to the frame that called them.
      return "parse: Tika (other formats, set-up)";
    }
    return null;
  }

  private static String ours(String t) {
    String pkg = t.substring("dev.ingestion.".length());
    if (pkg.startsWith("chunk.")) {
      return "chunk";
    }
    if (pkg.startsWith("parse.")) {
      return "parse: ours (structure, limits, pipe)";
    }
    if (pkg.startsWith("source.")) {
      return "fetch+hash";
    }
    if (pkg.startsWith("store.ResultRepository") || pkg.startsWith("store.VersionRepository")
        || pkg.startsWith("store.ChunkChanges") || pkg.startsWith("store.HeadingPaths")) {
      return "store (version, chunks)";
    }
    if (pkg.startsWith("store.") || pkg.startsWith("pipeline.Worker") || pkg.startsWith("pipeline.RetryPolicy")) {
      return "bookkeeping (queue, attempts, statistics)";
    }
    if (pkg.startsWith("pipeline.Discovery") || pkg.startsWith("pipeline.SourceRegistry")) {
      return "discovery";
    }
    if (pkg.startsWith("pipeline.")) {
      return "pipeline (other)";
    }
    return "start-up and other (" + pkg.substring(0, Math.max(0, pkg.indexOf('.'))) + ")";
  }

  private void print(String kind, long docs, int period) {
    // CPU-time samples (JDK 25, Linux) stand for CPU time a thread really used, native code included, and
    // are taken by the kernel's per-thread timers; execution samples are taken by a JFR thread that a
    // busy machine starves, so they are the fallback.
    boolean cpu = cpuSamples > 0;
    long samples = cpu ? cpuSamples : this.samples;
    Map<String, Long> stages = cpu ? cpuStages : this.stages;
    Map<String, Long> methods = cpu ? cpuMethods : this.methods;
    System.out.printf(Locale.ROOT, "== %s: %d recording(s), %d %s samples (~%.0f ms of Java CPU, %.2f ms/doc);"
            + " GC %d collections, %.0f ms (%.2f ms/doc)%n", kind, recordings, samples, cpu ? "CPU-time" : "execution",
        samples * (double) period, samples * (double) period / docs, gcCount, gc.toNanos() / 1e6, gc.toNanos() / 1e6 / docs);
    System.out.printf(Locale.ROOT, "   heap: largest in use at a collection, in any one JVM: %d MB (-Xmx %d MB)%n",
        peakHeapUsed >> 20, maxHeapLimit >> 20);
    top(stages, 12).forEach(en -> System.out.printf(Locale.ROOT, "  stage  %-48s %6d samples %5.1f %%  %6.2f ms/doc%n",
        en.getKey(), en.getValue(), 100.0 * en.getValue() / samples, en.getValue() * (double) period / docs));
    top(methods, 15).forEach(en -> System.out.printf(Locale.ROOT, "  method %-70s %6d %5.1f %%%n",
        en.getKey(), en.getValue(), 100.0 * en.getValue() / samples));
  }

  private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n).toList();
  }
}
