package dev.ingestion.pipeline;

import dev.ingestion.embed.Embedder;
import dev.ingestion.embed.Vectors;
import dev.ingestion.model.Chunk;
import dev.ingestion.store.NewVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional embedding stage. A chunk whose text (content hash) already has a vector in a kept version
 * of the same document takes it over; the others go to the model in batches, each distinct text once.
 */
final class EmbeddingStage {
  private final Embedder embedder;
  private final int batchSize;

  EmbeddingStage(Embedder embedder, int batchSize) {
    this.embedder = embedder;
    this.batchSize = Math.max(1, batchSize);
  }

  /** Vectors for {@code chunks} in order; {@code known} maps content hashes to stored vectors. */
  NewVersion.Vectors embed(List<Chunk> chunks, Map<String, byte[]> known) {
    Map<String, byte[]> byHash = new HashMap<>(known);
    List<Chunk> todo = new ArrayList<>();
    Map<String, Boolean> queued = new HashMap<>();
    for (Chunk c : chunks) {
      if (!byHash.containsKey(c.contentHash()) && queued.put(c.contentHash(), Boolean.TRUE) == null) {
        todo.add(c);
      }
    }
    for (int from = 0; from < todo.size(); from += batchSize) {
      List<Chunk> batch = todo.subList(from, Math.min(todo.size(), from + batchSize));
      List<float[]> vectors = embedder.embed(batch.stream().map(Chunk::text).toList());
      for (int i = 0; i < batch.size(); i++) {
        byHash.put(batch.get(i).contentHash(), Vectors.encode(vectors.get(i)));
      }
    }
    List<byte[]> encoded = chunks.stream().map(c -> byHash.get(c.contentHash())).toList();
    return new NewVersion.Vectors(encoded, todo.size(), chunks.size() - todo.size());
  }
}
