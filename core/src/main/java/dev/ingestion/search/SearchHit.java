package dev.ingestion.search;

import java.util.List;

/**
 * One result: the chunk (stable id), its document (path within its source, title, MIME type), where in
 * the document (heading path, page), a snippet around the matched words, the fused score and which
 * rankings found it ({@code keyword}, {@code vector}).
 */
public record SearchHit(String chunkId, long documentId, String source, String path, String title, String mimeType,
    List<String> headingPath, Integer page, String snippet, double score, List<String> matchedBy) {}
