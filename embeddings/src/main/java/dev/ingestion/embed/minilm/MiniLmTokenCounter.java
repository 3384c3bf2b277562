package dev.ingestion.embed.minilm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.ingestion.chunk.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Counts tokens with the WordPiece tokenizer of all-MiniLM-L6-v2, read from the model's jar (the same
 * tokenizer.json the embedder uses), without the [CLS]/[SEP] around an input and without the file's
 * truncation to 128 tokens and padding, so the count is the whole text's.
 */
public final class MiniLmTokenCounter implements TokenCounter {
  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

  private final HuggingFaceTokenizer tokenizer;

  public MiniLmTokenCounter() {
    try (InputStream in = MiniLmTokenCounter.class.getResourceAsStream(TOKENIZER)) {
      if (in == null) {
        throw new IllegalStateException(TOKENIZER + " is missing from the class path (langchain4j's MiniLM jar)");
      }
      tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false",
          "addSpecialTokens", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the MiniLM tokenizer", e);
    }
  }

  @Override
  public int count(String text) {
    return text.isEmpty() ? 0 : tokenizer.encode(text, false, false).getIds().length;
  }

  /** One call into the native tokenizer for all the texts. */
  @Override
  public int[] countEach(List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts, false, false);
    int[] counts = new int[encodings.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = texts.get(i).isEmpty() ? 0 : encodings[i].getIds().length;
    }
    return counts;
  }
}
