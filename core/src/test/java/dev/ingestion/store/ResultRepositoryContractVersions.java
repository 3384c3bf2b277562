package dev.ingestion.store;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import java.util.ArrayList;
import java.util.List;

/** Small versions to complete jobs with in the store's contract tests. */
final class ResultRepositoryContractVersions {
  private ResultRepositoryContractVersions() {}

  static NewVersion version(String hash, int chunks) {
    List<Chunk> list = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      list.add(new Chunk(i, hash + " chunk " + i, i * 10, i * 10 + 5, List.of("H"), 1, "h" + i));
    }
    return new NewVersion(hash, 100, DocumentMetadata.unknown("text/plain"), 50, false, list, java.util.Map.of());
  }
}
