package dev.ingestion.embed;

import java.util.List;

/** Turns texts into vectors; one instance is shared by all worker threads. */
public interface Embedder {
  /** A short name of the model, recorded in logs and the docs. */
  String model();

  int dimensions();

  /** One vector per text, in order. Implementations batch as they see fit. */
  List<float[]> embed(List<String> texts);
}
