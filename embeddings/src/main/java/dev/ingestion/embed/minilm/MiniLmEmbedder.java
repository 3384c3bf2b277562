package dev.ingestion.embed.minilm;

import dev.ingestion.embed.Embedder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * all-MiniLM-L6-v2, quantized, run in this JVM by ONNX Runtime. The model and its tokenizer are read from
 * the jar: nothing is downloaded. Vectors have 384 dimensions and unit length. Texts longer than the
 * model's 256-token window are embedded in windows and averaged by the library.
 */
public final class MiniLmEmbedder implements Embedder {
  static final String NAME = "all-minilm-l6-v2-q";

  // A direct executor: each worker thread embeds its own batch, so the pipeline's concurrency is the
  // embedding concurrency too and no second thread pool competes for the cores.
  private final AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);

  @Override
  public String model() {
    return NAME;
  }

  @Override
  public int dimensions() {
    return 384;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(t.isBlank() ? " " : t)).toList();
    return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
  }
}
