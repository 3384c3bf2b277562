package dev.ingestion.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.contentstream.operator.text.BeginText;
import org.apache.pdfbox.contentstream.operator.text.EndText;
import org.apache.pdfbox.contentstream.operator.text.MoveText;
import org.apache.pdfbox.contentstream.operator.text.MoveTextSetLeading;
import org.apache.pdfbox.contentstream.operator.text.NextLine;
import org.apache.pdfbox.contentstream.operator.text.SetCharSpacing;
import org.apache.pdfbox.contentstream.operator.text.SetFontAndSize;
import org.apache.pdfbox.contentstream.operator.text.SetTextHorizontalScaling;
import org.apache.pdfbox.contentstream.operator.text.SetTextLeading;
import org.apache.pdfbox.contentstream.operator.text.SetTextRise;
import org.apache.pdfbox.contentstream.operator.text.SetWordSpacing;
import org.apache.pdfbox.contentstream.operator.text.ShowText;
import org.apache.pdfbox.contentstream.operator.text.ShowTextAdjusted;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLine;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLineAndSpace;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * The printed lines of a PDF with the font size and weight of each, read from the text-showing operators
 * of its content streams only: no glyph boxes, no sorting, no paths or images. A line ends where the
 * baseline moves by more than half a glyph's height or the text jumps back; a gap wider than a quarter of
 * the font size is a space. Run on the document Tika has loaded, after Tika has read its text and before
 * it closes the document, so the fonts are parsed once for both.
 */
final class PdfFontLines extends PDFStreamEngine {
  /** One printed line: its text, the size of its most-used font (whole points) and whether all of it is bold. */
  record Line(String text, double size, boolean bold) {}

  private final List<Line> lines = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private final Map<Double, Integer> sizes = new HashMap<>();
  private final Map<PDFont, Boolean> boldFonts = new IdentityHashMap<>();
  private int boldChars;
  private int allChars;
  private boolean inLine;
  private float lastY;
  private float lastEndX;
  private float lastHeight;

  private PdfFontLines() {
    addOperator(new BeginText(this));
    addOperator(new EndText(this));
    addOperator(new SetFontAndSize(this));
    addOperator(new MoveText(this));
    addOperator(new MoveTextSetLeading(this));
    addOperator(new NextLine(this));
    addOperator(new SetMatrix(this));
    addOperator(new SetTextLeading(this));
    addOperator(new SetCharSpacing(this));
    addOperator(new SetWordSpacing(this));
    addOperator(new SetTextHorizontalScaling(this));
    addOperator(new SetTextRise(this));
    addOperator(new ShowText(this));
    addOperator(new ShowTextAdjusted(this));
    addOperator(new ShowTextLine(this));
    addOperator(new ShowTextLineAndSpace(this));
    addOperator(new Save(this));
    addOperator(new Restore(this));
    addOperator(new Concatenate(this));
    addOperator(new DrawObject(this));
  }

  /** The lines of every page, in content-stream order (as Tika reads them). */
  static List<Line> of(PDDocument doc) throws IOException {
    PdfFontLines reader = new PdfFontLines();
    for (PDPage page : doc.getPages()) {
      reader.processPage(page);
      reader.endLine();
    }
    return reader.lines;
  }

  @Override
  protected void showGlyph(Matrix rendering, PDFont font, int code, Vector displacement) {
    String unicode = font.toUnicode(code);
    float x = rendering.getTranslateX();
    float y = rendering.getTranslateY();
    float height = Math.abs(rendering.getScalingFactorY());
    if (inLine && (Math.abs(y - lastY) > 0.5f * Math.max(height, lastHeight) || x < lastEndX - 2 * Math.max(height, 1f))) {
      endLine();
    } else if (inLine && x - lastEndX > 0.25f * height) {
      text.append(' ');
    }
    inLine = true;
    lastY = y;
    lastHeight = height;
    lastEndX = x + displacement.getX() * rendering.getScalingFactorX();
    if (unicode == null) {
      return;
    }
    text.append(unicode);
    if (!unicode.isBlank()) {
      double size = (int) (getGraphicsState().getTextState().getFontSize() * getTextMatrix().getScalingFactorX());
      sizes.merge(size, 1, Integer::sum);
      boldChars += boldFonts.computeIfAbsent(font, PdfFontLines::isBold) ? 1 : 0;
      allChars++;
    }
  }

  private void endLine() {
    String line = text.toString().strip().replaceAll("\\s+", " ");
    if (!line.isEmpty() && allChars > 0) {
      double size = sizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      lines.add(new Line(line, size, boldChars == allChars));
    }
    text.setLength(0);
    sizes.clear();
    boldChars = 0;
    allChars = 0;
    inLine = false;
  }

  private static boolean isBold(PDFont font) {
    String name = font.getName() == null ? "" : font.getName().toLowerCase(Locale.ROOT);
    PDFontDescriptor d = font.getFontDescriptor();
    return name.contains("bold") || name.contains("black") || name.contains("heavy") || name.contains("semibold")
        || d != null && (d.isForceBold() || d.getFontWeight() >= 600);
  }
}
