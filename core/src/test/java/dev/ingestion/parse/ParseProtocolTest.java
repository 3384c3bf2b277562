package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.TextBlock;
import dev.ingestion.testkit.tags.FastTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker and a parser child agree on every field, across several messages on one stream. */
@FastTest
class ParseProtocolTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(bytes);

  private DataInputStream written() {
    return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void a_request_arrives_as_sent_with_a_non_ascii_name() throws IOException {
    ParseProtocol.Request sent = new ParseProtocol.Request("/data/Übersicht 2024.pdf", "Übersicht 2024 — 日本.pdf",
        5_000_000_000L, 2_000_000);
    ParseProtocol.writeRequest(out, sent);
    assertThat(ParseProtocol.readRequest(written())).isEqualTo(sent);
  }

  @Test
  void an_extracted_document_arrives_with_its_blocks_metadata_and_truncation() throws IOException {
    String text = "Title\nFirst paragraph with ünïcødé and 😀.\n- item\n";
    List<TextBlock> blocks = List.of(TextBlock.heading(1, 0, 5, 1), TextBlock.body(6, 40, 1),
        TextBlock.of(TextBlock.Kind.LIST, 41, 47, null), TextBlock.of(TextBlock.Kind.TABLE, 47, 47, 2),
        TextBlock.of(TextBlock.Kind.CODE, 47, 48, 3));
    DocumentMetadata meta = new DocumentMetadata("application/pdf", "Title", "Ada", 3, "de",
        Instant.parse("2024-01-02T03:04:05Z"), Instant.parse("2025-06-07T08:09:10.123Z"));
    ExtractedDocument sent = new ExtractedDocument(text, blocks, meta, true);

    ParseProtocol.writeDocument(out, sent);
    assertThat(ParseProtocol.readResponse(written())).isEqualTo(new ParseProtocol.Parsed(sent));
  }

  @Test
  void unknown_metadata_stays_unknown_rather_than_empty_or_zero() throws IOException {
    ExtractedDocument sent = new ExtractedDocument("", List.of(), DocumentMetadata.unknown(null), false);
    ParseProtocol.writeDocument(out, sent);
    ParseProtocol.Parsed got = (ParseProtocol.Parsed) ParseProtocol.readResponse(written());
    assertThat(got.document().metadata()).isEqualTo(new DocumentMetadata(null, null, null, null, null, null, null));
    assertThat(got.document().text()).isEmpty();
  }

  @Test
  void a_failure_in_the_child_arrives_with_its_classification_and_trace() throws IOException {
    ParseProtocol.Failure sent = new ParseProtocol.Failure(FailureCategory.ENCRYPTED, false,
        "the document is password-protected", "org.apache.tika.exception.EncryptedDocumentException",
        "org.apache.tika.exception.EncryptedDocumentException: password\n\tat Parser.parse(Parser.java:1)");
    ParseProtocol.writeFailure(out, sent);
    assertThat(ParseProtocol.readResponse(written())).isEqualTo(sent);
  }

  @Test
  void a_failure_without_message_or_trace_keeps_them_absent() throws IOException {
    ParseProtocol.Failure sent = new ParseProtocol.Failure(FailureCategory.INTERNAL, true, null, "java.lang.Error", null);
    ParseProtocol.writeFailure(out, sent);
    assertThat(ParseProtocol.readResponse(written())).isEqualTo(sent);
  }

  @Test
  void responses_follow_each_other_on_one_stream_without_bleeding_into_the_next() throws IOException {
    char[] big = new char[3_000_000];
    Arrays.fill(big, 'é');
    ExtractedDocument large = new ExtractedDocument(new String(big), List.of(TextBlock.body(0, big.length, null)),
        DocumentMetadata.unknown("text/plain"), false);
    ParseProtocol.Failure failure = new ParseProtocol.Failure(FailureCategory.CORRUPT, false, "bad xref", "E", "t");
    ParseProtocol.writeDocument(out, large);
    ParseProtocol.writeFailure(out, failure);
    ParseProtocol.writeDocument(out, large);

    DataInputStream in = written();
    assertThat(ParseProtocol.readResponse(in)).isEqualTo(new ParseProtocol.Parsed(large));
    assertThat(ParseProtocol.readResponse(in)).isEqualTo(failure);
    assertThat(ParseProtocol.readResponse(in)).isEqualTo(new ParseProtocol.Parsed(large));
    assertThat(in.read()).as("nothing left over").isEqualTo(-1);
  }

  @Test
  void an_unknown_status_byte_is_an_error_naming_it() throws IOException {
    out.writeByte(ParseProtocol.READY);
    assertThatThrownBy(() -> ParseProtocol.readResponse(written()))
        .isInstanceOf(IOException.class).hasMessageContaining("unexpected response status 7");
  }

  @Test
  void a_response_cut_short_by_a_dying_child_is_an_end_of_stream_not_a_short_text() throws IOException {
    ParseProtocol.writeDocument(out, new ExtractedDocument("x".repeat(1000), List.of(),
        DocumentMetadata.unknown("text/plain"), false));
    byte[] all = bytes.toByteArray();
    DataInputStream cut = new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(all, 500)));
    assertThatThrownBy(() -> ParseProtocol.readResponse(cut)).isInstanceOf(EOFException.class);
  }

  @Test
  void a_childs_exit_code_tells_how_it_ended() {
    assertThat(ParseProtocol.ChildExit.of(0)).isEqualTo(ParseProtocol.ChildExit.NORMAL);
    assertThat(ParseProtocol.ChildExit.of(3)).isEqualTo(ParseProtocol.ChildExit.OUT_OF_MEMORY);
    assertThat(ParseProtocol.ChildExit.of(130)).isEqualTo(ParseProtocol.ChildExit.INTERRUPTED);
    assertThat(ParseProtocol.ChildExit.of(137)).isEqualTo(ParseProtocol.ChildExit.KILLED);
    assertThat(ParseProtocol.ChildExit.of(143)).isEqualTo(ParseProtocol.ChildExit.TERMINATED);
    for (int code : new int[] {1, 2, 134, 139, 255}) {
      assertThat(ParseProtocol.ChildExit.of(code)).as("exit %d", code).isEqualTo(ParseProtocol.ChildExit.CRASHED);
    }
  }
}
