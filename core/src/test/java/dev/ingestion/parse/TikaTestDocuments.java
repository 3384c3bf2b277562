package dev.ingestion.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Apache Tika's own test documents (the test jars, unpacked by the build into target/tika-test-documents)
 * and the repository's {@code samples/}: real files nobody here wrote, for the parse tests.
 */
final class TikaTestDocuments {
  /** The unpacked test documents; the build passes the folder as {@code tika.test.documents}. */
  static final Path DIR = Path.of(System.getProperty("tika.test.documents", "target/tika-test-documents/test-documents"));

  private TikaTestDocuments() {}

  /** Tika's text test documents: English in EBCDIC, Russian in CP866, Windows-1252, a colon-separated table ... */
  static Stream<String> textDocuments() {
    return Stream.of("english.cp500.txt", "multi-language.txt", "russian.cp866.txt", "testColonDelimited.txt",
        "testIgnoreCharset.txt", "testTXT_win-1252.txt", "testVCalendar.vcs");
  }

  /** Every file of the test documents and of {@code samples/}, sorted. */
  static List<Path> withSamples() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : List.of(DIR, Path.of("../samples"))) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> s = Files.walk(root)) {
          s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      }
    }
    return files;
  }
}
