package dev.ingestion.model;

/**
 * The stable id of a chunk as delivered to retrieval: {@code <document id>-<version number>-<ordinal>},
 * e.g. {@code 42-3-0}. Document ids and per-document version numbers are never reused, and a version's
 * chunks never change, so an id always names the same text: a consumer can upsert and delete by it.
 */
public record ChunkId(long documentId, int versionNo, int ordinal) {
  public ChunkId {
    if (documentId < 1 || versionNo < 1 || ordinal < 0) {
      throw new InvalidInputException("not a chunk id: document " + documentId + ", version " + versionNo
          + ", ordinal " + ordinal);
    }
  }

  public static ChunkId parse(String text) {
    String[] parts = text.split("-", -1);
    try {
      if (parts.length == 3) {
        return new ChunkId(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new InvalidInputException("a chunk id looks like DOCUMENT-VERSION-ORDINAL (e.g. 42-3-0), got '" + text + "'");
  }

  @Override
  public String toString() {
    return documentId + "-" + versionNo + "-" + ordinal;
  }
}
