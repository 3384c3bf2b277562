package dev.ingestion.parse;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Whether the first characters of a text file look like a table, decided as Tika's CSV sniffer decides it
 * (Tika 3's {@code CSVSniffer}, which {@link PlainTextParser} asks for the rules it was built to, the mark
 * limit and the least confidence), but on a character array. Tika's sniffer reads each character through
 * three readers, two of them synchronised, once per candidate delimiter: on a corpus of text files that
 * was a twelfth of a parser child's CPU. The rules are the same, scan by scan:
 *
 * <ul>
 *   <li>one scan per delimiter, from the first character, reading fewer than {@code markLimit} characters;
 *   <li>a delimiter ends a cell (spaces after it are skipped); a run of line breaks ends a row, the cell
 *       before it counting only when it has characters;
 *   <li>a cell in double quotes (two of them standing for one) counts as encapsulated; a quote in the
 *       middle of a cell, or a quoted cell followed by something other than a delimiter or a line break,
 *       makes the scan a parse error (confidence -1);
 *   <li>the confidence is how consistent the rows' column counts are, raised towards 1 by the number of
 *       encapsulated cells, and 0 when there are fewer than three rows or the first row has no delimiter.
 * </ul>
 *
 * <p>The text is a table when the best delimiter's confidence reaches the least confidence.
 */
final class TableSniffer {
  private static final char QUOTE = '"';
  private static final int EOF = -1;

  private final int markLimit;
  private final double minConfidence;

  TableSniffer(int markLimit, double minConfidence) {
    this.markLimit = markLimit;
    this.minConfidence = minConfidence;
  }

  /**
   * How many characters to hand {@link #saysText}: a scan reads fewer than the mark limit, pushing back at
   * most two, so a text longer than this is cut where no scan looks and a shorter one is whole.
   */
  int reads() {
    return markLimit + 16;
  }

  /** True when no delimiter reaches the least confidence on the text {@code chars[0, length)}. */
  boolean saysText(char[] chars, int length, Set<Character> delimiters) {
    for (char delimiter : delimiters) {
      if (confidence(chars, length, delimiter) >= minConfidence) {
        return false;
      }
    }
    return true;
  }

  /** The confidence one delimiter's scan gives the text {@code chars[0, length)}. */
  double confidence(char[] chars, int length, char delimiter) {
    return new Scan(chars, length, delimiter, markLimit).run();
  }

  /** Why a scan stopped before the end of its loop, as Tika's sniffer tells them apart. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;
    static final Stop MARK_LIMIT = new Stop();
    static final Stop UNSURPRISING_END = new Stop();
    static final Stop END = new Stop();

    private Stop() {
      super(null, null, false, false);
    }
  }

  /** One delimiter's scan: a position in the text, the column counts of the rows ended so far. */
  private static final class Scan {
    private final char[] chars;
    private final int length;
    private final char delimiter;
    private final int markLimit;
    private final Map<Integer, Integer> rowLengthCounts = new HashMap<>();
    private int position;
    private int colCount;
    private boolean rowZeroEmpty;
    private int encapsulated;

    Scan(char[] chars, int length, char delimiter, int markLimit) {
      this.chars = chars;
      this.length = length;
      this.delimiter = delimiter;
      this.markLimit = markLimit;
    }

    /**
     * The loop of Tika's {@code Snifflet.sniff}: 33 lines, kept in one piece so that it reads against the
     * rules in the class comment; the last row counts only when the scan ran to the text's end without a
     * line break there.
     */
    double run() {
      boolean lastRowOpen = true; // false after the mark limit, or a text ending inside a run of line breaks
      int lastC = EOF;
      boolean cellHasChars = false;
      try {
        int c = read();
        while (c != EOF) {
          if (c == QUOTE) {
            cellHasChars = false;
            boolean midCell = lastC > EOF && lastC != delimiter && lastC != '\n' && lastC != '\r';
            if (midCell || !consumeQuoted()) {
              return -1.0; // a parse error
            }
          } else if (c == delimiter) {
            cellHasChars = false;
            colCount++;
            consumeSpaces();
          } else if (c == '\n' || c == '\r') {
            if (cellHasChars) {
              colCount++;
            }
            cellHasChars = false;
            endRow();
            consumeNewLines();
          } else {
            cellHasChars = true;
          }
          lastC = c;
          c = read();
        }
      } catch (Stop stop) {
        lastRowOpen = stop == Stop.UNSURPRISING_END;
      }
      if (lastRowOpen && lastC != '\n' && lastC != '\r') {
        colCount++;
        endRow();
      }
      return confidence();
    }

    private int read() throws Stop {
      if (position >= markLimit - 1) {
        throw Stop.MARK_LIMIT;
      }
      return position < length ? chars[position++] : EOF;
    }

    /** Puts back the character just read (nothing, after the end of the text). */
    private void unread(int c) {
      if (c != EOF) {
        position--;
      }
    }

    private void consumeSpaces() throws Stop {
      int c = read();
      while (c == ' ') {
        c = read();
      }
      if (c == EOF) {
        throw Stop.UNSURPRISING_END;
      }
      unread(c);
    }

    private void consumeNewLines() throws Stop {
      int c = read();
      while (c == '\n' || c == '\r') {
        c = read();
      }
      if (c == EOF) {
        throw Stop.END;
      }
      unread(c);
    }

    /** After an opening quote: true for a cell closed and followed by a delimiter or a line break. */
    private boolean consumeQuoted() throws Stop {
      for (int c = read(); c != EOF; c = read()) {
        if (c != QUOTE) {
          continue;
        }
        int next = read();
        if (next == EOF) {
          encapsulated++;
          colCount++;
          throw Stop.UNSURPRISING_END;
        }
        if (next != QUOTE) {
          encapsulated++;
          colCount++;
          unread(next);
          return followsQuotedCell();
        }
      }
      throw Stop.END;
    }

    private boolean followsQuotedCell() throws Stop {
      consumeSpaces();
      int next = read();
      if (next == EOF) {
        throw Stop.UNSURPRISING_END;
      }
      unread(next);
      return next == '\n' || next == '\r' || next == delimiter;
    }

    private void endRow() {
      if (rowLengthCounts.isEmpty() && colCount <= 1) {
        rowZeroEmpty = true; // the first row has no delimiter
      }
      rowLengthCounts.merge(colCount, 1, Integer::sum);
      colCount = 0;
    }

    private double confidence() {
      double confidence = Math.max(columnCountConsistency(), 0.0);
      double encapsulatedBonus = encapsulated > 0 ? 1.0 - (1.0 / Math.pow(encapsulated, 0.2)) : 0;
      return Math.min(confidence + encapsulatedBonus, 1.0);
    }

    private double columnCountConsistency() {
      int max = -1;
      int totalRows = 0;
      for (Map.Entry<Integer, Integer> e : rowLengthCounts.entrySet()) {
        if (e.getKey() > 1 && e.getValue() > max) {
          max = e.getValue();
        }
        totalRows += e.getValue();
      }
      if (max < 0 || totalRows < 3 || rowZeroEmpty) {
        return 0.0;
      }
      double consistency = (double) max / (double) totalRows;
      return (1d - (1d / Math.pow(totalRows, 0.3))) * consistency;
    }
  }
}
