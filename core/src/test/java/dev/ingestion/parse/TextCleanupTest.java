package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.TextBlock;
import dev.ingestion.testkit.tags.FastTest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The character-level clean-up every extracted block goes through: whitespace, hyphens, permalink signs. */
@FastTest
class TextCleanupTest {

  @Test
  void whitespaceCollapsesAndParagraphBreaksStayAtTwoLineBreaks() {
    assertThat(StructureHandler.normalise(" \t a  \u00A0b\tc \r\n d\n\n\n\ne \f\u000B", false)).isEqualTo("a b c\nd\n\ne");
    assertThat(StructureHandler.normalise("x \n  y", false)).isEqualTo("x\ny");
    assertThat(StructureHandler.normalise("\n\n\n", false)).isEmpty();
    assertThat(StructureHandler.normalise("", false)).isEmpty();
  }

  @Test
  void controlCharactersGoButTextAroundThemStays() {
    assertThat(StructureHandler.normalise("a\u0000b\u0007c\u007Fd\u0085e", false)).isEqualTo("abcde");
    assertThat(StructureHandler.normalise("caf\u00E9 \u4E2D\u6587 \uD83D\uDE00", false)).isEqualTo("caf\u00E9 \u4E2D\u6587 \uD83D\uDE00");
  }

  @Test
  void preformattedTextKeepsItsSpacesButNotItsBlankLineRuns() {
    assertThat(StructureHandler.normalise("  if (x) {\n\t  y();\n\n\n  }", true)).isEqualTo("  if (x) {\n\t  y();\n\n  }");
  }

  @Test
  void aStringBuilderAndAStringGiveTheSameText() {
    String s = "one  two\n\n\nthree\r\n four ";
    assertThat(StructureHandler.normalise(new StringBuilder(s), false)).isEqualTo(StructureHandler.normalise(s, false))
        .isEqualTo("one two\n\nthree\nfour");
  }

  @Test
  void lineEndHyphensJoinWordsUnlessTheDocumentWritesTheCompound() {
    Dehyphenator d = Dehyphenator.of(List.of(block("the well-known inter-\nnational rules"),
        block("a state-of-the-art, long-\nterm plan; see page 12-\n13 and data-\ndriven, data-driven")));
    assertThat(d.apply("the inter-\nnational rules")).isEqualTo("the international rules");
    assertThat(d.apply("a long-\nterm plan")).isEqualTo("a long-term plan");
    assertThat(d.apply("page 12-\n13")).isEqualTo("page 12-\n13");
    assertThat(d.apply("data-\ndriven")).isEqualTo("data-driven");
    assertThat(d.apply("a list:\n-\n- item")).isEqualTo("a list:\n-\n- item");
    assertThat(d.apply("soft\u00ADhy\u00AD\nphen")).isEqualTo("softhyphen");
    assertThat(d.apply("nothing to do")).isEqualTo("nothing to do");
  }

  @Test
  void permalinkSignsAtALineEndGoWithTheirSpaces() {
    BlockText text = BlockText.of(List.of(new RawBlock(TextBlock.Kind.HEADING, 1, null, "Install \u00B6"),
        block("Step one\u00B6\u00B6 \nthe \u00B6 sign inside a line stays\nlast \u00B6"),
        new RawBlock(TextBlock.Kind.CODE, 0, null, "code keeps \u00B6")));
    assertThat(text.text()).isEqualTo("Install\n\nStep one\nthe \u00B6 sign inside a line stays\nlast\n\ncode keeps \u00B6");
    assertThat(text.blocks()).hasSize(3);
  }

  /**
   * The marks found while normalising are exactly those the normalised text has, so a step that skips a
   * block without its mark never misses one: every string of 0-11 characters over the characters involved.
   */
  @Test
  void marksFoundWhileNormalisingAreThoseOfTheText() {
    char[] alphabet = {'a', '-', '\n', ' ', '\u00AD', '\u00B6', '\r'};
    Random random = new Random(17);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder in = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        in.append(alphabet[random.nextInt(alphabet.length)]);
      }
      for (boolean preformatted : new boolean[] {false, true}) {
        StructureHandler.Normalised out = StructureHandler.normaliseMarked(in, preformatted);
        assertThat(out.marks()).as("%s", in).isEqualTo(RawBlock.marksOf(out.text()));
      }
    }
  }

  @Test
  void aPartOfABlockKeepsItsMarksAndTheBlockReadsTheSameWithThem() {
    RawBlock whole = block("inter-\nnational \u00B6\nsoft\u00ADly");
    assertThat(whole.marks()).isEqualTo(RawBlock.LINE_END_HYPHEN | RawBlock.SOFT_HYPHEN | RawBlock.PERMALINK_SIGN);
    assertThat(whole.withText("soft").marks()).isEqualTo(whole.marks());
    assertThat(BlockText.of(List.of(whole)).text()).isEqualTo("international\nsoftly");
  }

  private static RawBlock block(String text) {
    return new RawBlock(TextBlock.Kind.BODY, 0, null, text);
  }
}
