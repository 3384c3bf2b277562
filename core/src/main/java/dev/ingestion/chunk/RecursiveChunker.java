package dev.ingestion.chunk;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.ExtractedDocument;
import java.util.List;
import java.util.Objects;

/**
 * Structure-aware, recursive chunker. Headings cut the document into sections, and a chunk never
 * crosses a section edge; each chunk carries the path of headings it sits under. Inside a section
 * the text is split at the coarsest boundary that yields small enough pieces (paragraph, sentence,
 * word, then a hard cut that keeps surrogate pairs and short combining sequences whole), and the
 * pieces are merged greedily into chunks of at most {@code chunkSize} characters that overlap the
 * previous chunk by at most {@code chunkOverlap} characters, starting on a word boundary.
 *
 * <p>Every chunk satisfies {@code text.substring(startOffset, endOffset).equals(text())}, is
 * trimmed of whitespace and is never longer than {@code chunkSize}; together the chunks cover every
 * non-whitespace character. Time and memory are linear in the text length (plus the chunk strings
 * themselves). The class holds only its configuration, so one instance can serve many threads.
 */
public final class RecursiveChunker implements Chunker {
  private final ChunkerConfig config;

  public RecursiveChunker() {
    this(ChunkerConfig.DEFAULT);
  }

  public RecursiveChunker(ChunkerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public List<Chunk> chunk(ExtractedDocument document) {
    String text = Objects.requireNonNull(document.text(), "document text");
    TextScan scan = new TextScan(text);
    DocumentOutline outline = DocumentOutline.of(text, document.blocks());
    ChunkCollector chunks = new ChunkCollector(text, scan, outline);
    PieceSplitter splitter = new PieceSplitter(scan, config.chunkSize());
    SmallSectionJoiner joiner = new SmallSectionJoiner(config, chunks);
    for (Section section : outline.sections()) {
      SmallChunkMerger merger = new SmallChunkMerger(scan, config);
      ChunkAssembler assembler = new ChunkAssembler(scan, config, merger);
      HeadingGlue glue = new HeadingGlue(section, scan, config.chunkSize());
      outline.forEachSegment(section, (start, end) -> glue.splitter(start, end, splitter).split(start, end, assembler));
      assembler.finish();
      joiner.add(section, merger.drain());
    }
    joiner.finish();
    return chunks.toList();
  }
}
