package dev.ingestion.testkit;

import dev.ingestion.testkit.Documents.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic mixed corpus of realistic business documents (text from a seeded word generator with
 * sentences and paragraphs), spread over folders and formats: TXT, Markdown, HTML, PDF, DOCX, XLSX,
 * PPTX, EML. Sizes range from a few hundred bytes to a few hundred kilobytes.
 */
public final class Corpus {
  private static final String[] WORDS = ("the a of to and in for on with by policy invoice contract vendor audit"
      + " quarter revenue employee benefit retention schedule compliance review approval budget forecast report"
      + " customer supplier shipment warehouse inventory payroll training security incident access record"
      + " archive request manager team project milestone delivery risk control process procedure standard"
      + " document version section appendix summary analysis").split(" ");

  private Corpus() {}

  public static List<Path> generate(Path dir, int count, long seed) throws IOException {
    Random random = new Random(seed);
    List<Path> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Path folder = Files.createDirectories(dir.resolve("dept-" + (i % 9)).resolve("year-" + (2019 + i % 6)));
      out.add(write(folder, i, random));
    }
    return out;
  }

  private static Path write(Path folder, int i, Random r) throws IOException {
    String title = capitalise(sentence(r, 3 + r.nextInt(4))).replace(".", "");
    int kind = r.nextInt(100);
    int size = sizeClass(r);
    if (kind < 18) {
      return Documents.text(folder.resolve("note-" + i + ".txt"), paragraphs(r, size));
    } else if (kind < 32) {
      return Documents.markdown(folder.resolve("guide-" + i + ".md"), title, sections(r, size));
    } else if (kind < 52) {
      return Documents.html(folder.resolve("page-" + i + ".html"), title, sections(r, size));
    } else if (kind < 68) {
      List<String> pages = new ArrayList<>();
      for (int p = 0; p < 1 + Math.min(6, size / 3); p++) {
        pages.add(String.join(" ", paragraphs(r, 3)));
      }
      return Documents.pdf(folder.resolve("report-" + i + ".pdf"), pages);
    } else if (kind < 84) {
      return Documents.docx(folder.resolve("memo-" + i + ".docx"), title, sections(r, size));
    } else if (kind < 90) {
      Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
      List<List<String>> rows = new ArrayList<>();
      for (int row = 0; row < 5 + size * 4; row++) {
        rows.add(List.of(word(r), word(r) + " " + word(r), String.valueOf(r.nextInt(100_000)), sentence(r, 6)));
      }
      sheets.put("Data", rows);
      return Documents.xlsx(folder.resolve("ledger-" + i + ".xlsx"), sheets);
    } else if (kind < 95) {
      return Documents.pptx(folder.resolve("deck-" + i + ".pptx"), sections(r, Math.max(2, size / 2)));
    }
    return Documents.eml(folder.resolve("mail-" + i + ".eml"), title, String.join("\r\n\r\n", paragraphs(r, size)),
        r.nextBoolean() ? sentence(r, 30) : null);
  }

  /** Mostly small documents, some medium, a few large. */
  private static int sizeClass(Random r) {
    int x = r.nextInt(100);
    return x < 60 ? 2 + r.nextInt(6) : x < 92 ? 8 + r.nextInt(25) : 40 + r.nextInt(120);
  }

  static List<Section> sections(Random r, int paragraphs) {
    List<Section> out = new ArrayList<>();
    int left = Math.max(1, paragraphs);
    while (left > 0) {
      int n = Math.min(left, 1 + r.nextInt(4));
      out.add(new Section(capitalise(sentence(r, 2 + r.nextInt(3))).replace(".", ""), paragraphs(r, n)));
      left -= n;
    }
    return out;
  }

  static List<String> paragraphs(Random r, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.max(1, n); i++) {
      StringBuilder p = new StringBuilder();
      for (int s = 0; s < 2 + r.nextInt(6); s++) {
        p.append(capitalise(sentence(r, 6 + r.nextInt(14)))).append(' ');
      }
      out.add(p.toString().trim());
    }
    return out;
  }

  private static String sentence(Random r, int words) {
    StringBuilder s = new StringBuilder();
    for (int w = 0; w < words; w++) {
      s.append(w == 0 ? "" : " ").append(word(r));
    }
    return s.append('.').toString();
  }

  private static String word(Random r) {
    return WORDS[r.nextInt(WORDS.length)];
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
