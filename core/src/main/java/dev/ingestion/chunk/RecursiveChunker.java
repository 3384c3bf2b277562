package dev.ingestion.chunk;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.TextBlock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Structure-aware recursive splitter. Headings cut the text into sections (a chunk never spans two) and
 * give each chunk its heading path; inside a section the text is split at the coarsest boundary that
 * fits (paragraph, line, sentence, word, character) and the pieces are merged greedily up to
 * {@code chunk_size}. Each chunk after the first in a section repeats up to {@code chunk_overlap}
 * characters of the one before, starting at a word boundary. No chunk is longer than {@code chunk_size}.
 * Linear in the text length; deterministic; stateless.
 */
public final class RecursiveChunker implements Chunker {
  private final ChunkerConfig config;

  public RecursiveChunker(ChunkerConfig config) {
    this.config = config;
  }

  /** A run of text under one heading path. Pages are recorded per block so a chunk knows its page. */
  record Section(List<String> headingPath, int start, int end, int[] blockStarts, Integer[] blockPages, boolean hasBody) {
    Integer pageAt(int offset) {
      if (blockStarts.length == 0) {
        return null;
      }
      int i = Arrays.binarySearch(blockStarts, offset);
      int index = i >= 0 ? i : Math.max(0, -i - 2);
      return blockPages[index];
    }
  }

  @Override
  public List<Chunk> chunk(ExtractedDocument document) {
    String text = document.text();
    List<Chunk> out = new ArrayList<>();
    List<Section> sections = Sections.of(text, document.blocks());
    for (int i = 0; i < sections.size(); i++) {
      Section section = sections.get(i);
      // A heading with no text of its own lives on in the heading path of the sections below it.
      if (section.hasBody() || i == sections.size() - 1) {
        chunkSection(text, section, out);
      }
    }
    return out;
  }

  private void chunkSection(String text, Section section, List<Chunk> out) {
    List<int[]> pieces = new ArrayList<>();
    TextSplitter.split(text, section.start(), section.end(), config.chunkSize(), TextSplitter.Level.PARAGRAPH, pieces);
    int start = -1;
    int end = -1;
    for (int[] piece : pieces) {
      if (start < 0) {
        start = piece[0];
        end = piece[1];
      } else if (piece[1] - start <= config.chunkSize()) {
        end = piece[1];
      } else {
        emit(text, section, start, end, out);
        start = overlapStart(text, end, piece[0], piece[1]);
        end = piece[1];
      }
    }
    if (start >= 0) {
      emit(text, section, start, end, out);
    }
  }

  /**
   * Where the chunk that continues at {@code pieceStart} begins: up to chunk_overlap chars before the
   * previous chunk's end, at a word start, never so early that the chunk would exceed chunk_size.
   */
  private int overlapStart(String text, int previousEnd, int pieceStart, int pieceEnd) {
    if (config.chunkOverlap() == 0) {
      return pieceStart;
    }
    int earliest = Math.max(previousEnd - config.chunkOverlap(), pieceEnd - config.chunkSize());
    if (earliest >= pieceStart) {
      return pieceStart;
    }
    boolean sawSpace = false;
    for (int i = earliest; i < pieceStart; i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        sawSpace = true;
        break;
      }
    }
    if (!sawSpace) {
      // Text without spaces (CJK, long tokens): overlap by characters, keeping surrogate pairs whole.
      int cut = earliest;
      while (cut < pieceStart && (Character.isLowSurrogate(text.charAt(cut)))) {
        cut++;
      }
      return cut;
    }
    for (int i = Math.max(earliest, 1); i < pieceStart; i++) {
      if (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return pieceStart;
  }

  private void emit(String text, Section section, int start, int end, List<Chunk> out) {
    int s = start;
    int e = end;
    while (s < e && Character.isWhitespace(text.charAt(s))) {
      s++;
    }
    while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    if (s == e) {
      return;
    }
    String body = text.substring(s, e);
    out.add(new Chunk(out.size(), body, s, e, section.headingPath(), section.pageAt(s), sha256(body)));
  }

  static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds sections from blocks: a heading closes the current section and opens the next. */
  static final class Sections {
    private Sections() {}

    static List<Section> of(String text, List<TextBlock> blocks) {
      List<Section> out = new ArrayList<>();
      if (blocks.isEmpty()) {
        if (!text.isEmpty()) {
          out.add(new Section(List.of(), 0, text.length(), new int[] {0}, new Integer[] {null}, true));
        }
        return out;
      }
      List<String> headings = new ArrayList<>();
      List<Integer> levels = new ArrayList<>();
      Builder current = null;
      for (TextBlock block : blocks) {
        if (block.kind() == TextBlock.Kind.HEADING) {
          if (current != null) {
            out.add(current.build());
          }
          while (!levels.isEmpty() && levels.get(levels.size() - 1) >= block.level()) {
            levels.remove(levels.size() - 1);
            headings.remove(headings.size() - 1);
          }
          levels.add(block.level());
          headings.add(headingText(text, block));
          current = new Builder(List.copyOf(headings), block.start());
        } else if (current == null) {
          current = new Builder(List.of(), block.start());
        }
        current.add(block);
      }
      out.add(current.build());
      return out;
    }
  }

  /** The heading's words, without Markdown's leading '#' marks. */
  static String headingText(String text, TextBlock block) {
    String h = text.substring(block.start(), block.end()).strip();
    int i = 0;
    while (i < h.length() && h.charAt(i) == '#') {
      i++;
    }
    return h.substring(i).strip();
  }

  private static final class Builder {
    private final List<String> path;
    private final int start;
    private int end;
    private final List<Integer> starts = new ArrayList<>();
    private final List<Integer> pages = new ArrayList<>();
    private boolean hasBody;

    Builder(List<String> path, int start) {
      this.path = path;
      this.start = start;
      this.end = start;
    }

    void add(TextBlock block) {
      end = Math.max(end, block.end());
      hasBody |= block.kind() == TextBlock.Kind.BODY;
      starts.add(block.start());
      pages.add(block.page());
    }

    Section build() {
      int[] s = starts.stream().mapToInt(Integer::intValue).toArray();
      return new Section(path, start, end, s, pages.toArray(new Integer[0]), hasBody);
    }
  }
}
