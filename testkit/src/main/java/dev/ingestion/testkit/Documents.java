package dev.ingestion.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Writes real documents for tests and benchmarks: made by the same libraries that make them in the
 * wild (PDFBox, POI), plus hostile ones (corrupt, encrypted, empty, huge, zip bombs).
 */
public final class Documents {
  private Documents() {}

  /** A section of a document: a heading and its paragraphs. */
  public record Section(String heading, List<String> paragraphs) {}

  /** A PDF with one page per entry; each page's text is wrapped into lines. */
  public static Path pdf(Path file, List<String> pages) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      writePages(doc, pages);
      doc.save(file.toFile());
    }
    return file;
  }

  private static void writePages(PDDocument doc, List<String> pages) throws IOException {
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    for (String page : pages) {
      PDPage p = new PDPage();
      doc.addPage(p);
      try (PDPageContentStream cs = new PDPageContentStream(doc, p)) {
        cs.beginText();
        cs.setFont(font, 10);
        cs.setLeading(13);
        cs.newLineAtOffset(50, 740);
        int lines = 0;
        for (String line : wrap(page, 95)) {
          if (++lines > 52) {
            break;
          }
          cs.showText(line);
          cs.newLine();
        }
        cs.endText();
      }
    }
  }

  /** A password-protected PDF (user password {@code secret}). */
  public static Path encryptedPdf(Path file) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      writePages(doc, List.of("Confidential salary review for the finance team."));
      StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pass", "secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      doc.save(file.toFile());
    }
    return file;
  }

  /** A PDF cut in half with bytes flipped: looks like a PDF, cannot be read as one. */
  public static Path corruptPdf(Path file) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "ingestion_tmp", ".pdf");
    pdf(tmp, List.of("This document will be damaged before anyone reads it."));
    byte[] bytes = Files.readAllBytes(tmp);
    Files.delete(tmp);
    byte[] half = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    for (int i = 200; i < half.length; i += 7) {
      half[i] = (byte) ~half[i];
    }
    Files.write(file, half);
    return file;
  }

  /** A DOCX whose headings use Word's built-in heading styles, so extractors see h1/h2. */
  public static Path docx(Path file, String title, List<Section> sections) throws IOException {
    try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
      XWPFStyles styles = doc.createStyles();
      addHeadingStyle(styles, "Heading1", "heading 1");
      addHeadingStyle(styles, "Heading2", "heading 2");
      doc.getProperties().getCoreProperties().setTitle(title);
      doc.getProperties().getCoreProperties().setCreator("Handbook Team");
      paragraph(doc, title, "Heading1");
      for (Section s : sections) {
        paragraph(doc, s.heading(), "Heading2");
        for (String p : s.paragraphs()) {
          paragraph(doc, p, null);
        }
      }
      doc.write(out);
    }
    return file;
  }

  private static void addHeadingStyle(XWPFStyles styles, String id, String name) {
    CTStyle ct = CTStyle.Factory.newInstance();
    ct.setStyleId(id);
    ct.addNewName().setVal(name);
    ct.setType(STStyleType.PARAGRAPH);
    styles.addStyle(new XWPFStyle(ct));
  }

  private static void paragraph(XWPFDocument doc, String text, String style) {
    XWPFParagraph p = doc.createParagraph();
    if (style != null) {
      p.setStyle(style);
    }
    p.createRun().setText(text);
  }

  /** An XLSX with one sheet per entry; each row is a list of cells. */
  public static Path xlsx(Path file, Map<String, List<List<String>>> sheets) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      for (var e : sheets.entrySet()) {
        XSSFSheet sheet = wb.createSheet(e.getKey());
        int r = 0;
        for (List<String> row : e.getValue()) {
          var xrow = sheet.createRow(r++);
          for (int c = 0; c < row.size(); c++) {
            xrow.createCell(c).setCellValue(row.get(c));
          }
        }
      }
      wb.write(out);
    }
    return file;
  }

  /** A PPTX with one slide per section: a title box and a body box. */
  public static Path pptx(Path file, List<Section> slides) throws IOException {
    try (XMLSlideShow ppt = new XMLSlideShow(); OutputStream out = Files.newOutputStream(file)) {
      for (Section s : slides) {
        XSLFSlide slide = ppt.createSlide();
        XSLFTextBox title = slide.createTextBox();
        title.setAnchor(new java.awt.Rectangle(40, 20, 640, 60));
        title.setText(s.heading());
        XSLFTextBox body = slide.createTextBox();
        body.setAnchor(new java.awt.Rectangle(40, 100, 640, 400));
        body.setText(String.join("\n", s.paragraphs()));
      }
      ppt.write(out);
    }
    return file;
  }

  public static Path html(Path file, String title, List<Section> sections) throws IOException {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title)).append("</title></head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
    for (Section s : sections) {
      sb.append("<h2>").append(escape(s.heading())).append("</h2>\n");
      for (String p : s.paragraphs()) {
        sb.append("<p>").append(escape(p)).append("</p>\n");
      }
    }
    return Files.writeString(file, sb.append("</body></html>\n").toString());
  }

  public static Path markdown(Path file, String title, List<Section> sections) throws IOException {
    StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
    for (Section s : sections) {
      sb.append("## ").append(s.heading()).append("\n\n");
      for (String p : s.paragraphs()) {
        sb.append(p).append("\n\n");
      }
    }
    return Files.writeString(file, sb.toString());
  }

  public static Path text(Path file, List<String> paragraphs) throws IOException {
    return Files.writeString(file, String.join("\n\n", paragraphs) + "\n");
  }

  /** An RFC 822 e-mail with a plain-text body and, optionally, a text attachment. */
  public static Path eml(Path file, String subject, String body, String attachment) throws IOException {
    String boundary = "=_ingestion_boundary";
    StringBuilder sb = new StringBuilder()
        .append("From: Handbook Team <handbook@example.com>\r\n")
        .append("To: All Staff <staff@example.com>\r\n")
        .append("Subject: ").append(subject).append("\r\n")
        .append("Date: Mon, 2 Nov 2026 09:00:00 +0000\r\n")
        .append("MIME-Version: 1.0\r\n");
    if (attachment == null) {
      sb.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n").append(body).append("\r\n");
    } else {
      sb.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
          .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
          .append(body).append("\r\n--").append(boundary)
          .append("\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Disposition: attachment; filename=\"notes.txt\"\r\n\r\n")
          .append(attachment).append("\r\n--").append(boundary).append("--\r\n");
    }
    return Files.writeString(file, sb.toString());
  }

  /** A ZIP holding the given files under their own names. */
  public static Path zip(Path file, List<Path> entries) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Path p : entries) {
        zip.putNextEntry(new ZipEntry(p.getFileName().toString()));
        Files.copy(p, zip);
        zip.closeEntry();
      }
    }
    return file;
  }

  /** A ZIP whose single entry inflates to {@code inflatedBytes} of one repeated character. */
  public static Path zipBomb(Path file, long inflatedBytes) throws IOException {
    byte[] block = new byte[1 << 16];
    java.util.Arrays.fill(block, (byte) 'a');
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.setLevel(9);
      zip.putNextEntry(new ZipEntry("bomb.txt"));
      for (long written = 0; written < inflatedBytes; written += block.length) {
        zip.write(block);
      }
      zip.closeEntry();
    }
    return file;
  }

  /** A ZIP whose single entry, named {@code entryName}, inflates to {@code inflatedBytes} zero bytes (no text at all). */
  public static Path zipBombOfZeros(Path file, String entryName, long inflatedBytes) throws IOException {
    byte[] block = new byte[1 << 16];
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.setLevel(9);
      zip.putNextEntry(new ZipEntry(entryName));
      for (long written = 0; written < inflatedBytes; written += block.length) {
        zip.write(block);
      }
      zip.closeEntry();
    }
    return file;
  }

  /** ZIPs nested {@code depth} times around a small text file. */
  public static Path nestedZip(Path file, int depth) throws IOException {
    Path inner = Files.writeString(file.resolveSibling("inner-0.txt"), "the innermost document");
    for (int i = 1; i <= depth; i++) {
      Path next = file.resolveSibling("inner-" + i + ".zip");
      zip(next, List.of(inner));
      Files.delete(inner);
      inner = next;
    }
    Files.move(inner, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  public static Path empty(Path file) throws IOException {
    return Files.write(file, new byte[0]);
  }

  /** A sparse file of the given size (no disk is used for its zeros). */
  public static Path oversized(Path file, long size) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
    }
    return file;
  }

  /** Random bytes that no parser recognises. */
  public static Path garbage(Path file, int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new java.util.Random(seed).nextBytes(bytes);
    bytes[0] = 0x13;
    bytes[1] = 0x37;
    return Files.write(file, bytes);
  }

  static List<String> wrap(String text, int width) {
    java.util.ArrayList<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (line.length() + word.length() + 1 > width && line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
