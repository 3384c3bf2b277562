package dev.ingestion.chunk;

import java.util.List;

/**
 * A heading and everything up to the next heading (or, for the first section, the text before any
 * heading). {@code start}/{@code end} are char offsets; blocks {@code firstBlock} (inclusive) to
 * {@code endBlock} (exclusive) of the outline lie inside it. A chunk never crosses a section's
 * edge. {@code headed} is true when the section begins with its heading.
 */
record Section(int start, int end, List<String> headingPath, int firstBlock, int endBlock, boolean headed) {
  Section {
    headingPath = List.copyOf(headingPath);
  }
}
