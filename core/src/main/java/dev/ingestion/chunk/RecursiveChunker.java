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
 * pieces are merged greedily into chunks of at most {@code chunkSize} that overlap the previous chunk by
 * at most {@code chunkOverlap}, starting on a word boundary; sizes count characters or, with {@link
 * ChunkUnit#TOKENS}, the tokens of a {@link TokenCounter}.
 *
 * <p>Every chunk satisfies {@code text.substring(startOffset, endOffset).equals(text())}, is
 * trimmed of whitespace and is never larger than {@code chunkSize}; together the chunks cover every
 * non-whitespace character. Counting characters, time and memory are linear in the text length (plus the
 * chunk strings themselves); counting tokens, the document's distinct words are tokenized once and sizes
 * are summed from them. The class holds only its configuration and token counter, so one instance can
 * serve many threads.
 */
public final class RecursiveChunker implements Chunker {
  private final ChunkerConfig config;
  private final TokenCounter tokens;

  public RecursiveChunker() {
    this(ChunkerConfig.DEFAULT);
  }

  /**
   * Sizes in the config's unit; for tokens, the tokenizer a module provides ({@link TokenCounters#load}),
   * which fails with a {@link dev.ingestion.model.ConfigException} when none is on the class path.
   */
  public RecursiveChunker(ChunkerConfig config) {
    this(config, Objects.requireNonNull(config, "config").unit() == ChunkUnit.TOKENS ? TokenCounters.load() : null);
  }

  /** Sizes in the config's unit, tokens counted by {@code tokens} (unused, and may be null, for characters). */
  public RecursiveChunker(ChunkerConfig config, TokenCounter tokens) {
    this.config = Objects.requireNonNull(config, "config");
    if (config.unit() == ChunkUnit.TOKENS) {
      Objects.requireNonNull(tokens, "a token counter for chunk_unit tokens");
    }
    this.tokens = tokens;
  }

  @Override
  public List<Chunk> chunk(ExtractedDocument document) {
    String text = Objects.requireNonNull(document.text(), "document text");
    TextScan scan = new TextScan(text);
    DocumentOutline outline = DocumentOutline.of(text, document.blocks());
    ChunkCollector chunks = new ChunkCollector(text, scan, outline);
    SpanSize size = config.unit() == ChunkUnit.TOKENS ? SpanSize.tokens(text, tokens) : SpanSize.characters();
    PieceSplitter splitter = new PieceSplitter(scan, size, config.chunkSize());
    SmallSectionJoiner joiner = new SmallSectionJoiner(size, config, chunks);
    for (Section section : outline.sections()) {
      SmallChunkMerger merger = new SmallChunkMerger(scan, size, config);
      ChunkAssembler assembler = new ChunkAssembler(scan, size, config, merger);
      HeadingGlue glue = new HeadingGlue(section, scan, size, config.chunkSize());
      outline.forEachSegment(section, (start, end) -> glue.splitter(start, end, splitter).split(start, end, assembler));
      assembler.finish();
      joiner.add(section, merger.drain());
    }
    joiner.finish();
    return chunks.toList();
  }
}
