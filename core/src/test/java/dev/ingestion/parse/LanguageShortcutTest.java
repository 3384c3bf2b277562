package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.FastTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The English shortcut taken before the language models: only plain English prose takes it, never prose in
 * the other languages told apart, nor text with too few words to say.
 */
@FastTest
class LanguageShortcutTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "The parser reads each file from the share and stores the text of every version, so that a search finds it.",
      "If you change the configuration, restart the service: the new limits are read only when it starts again.",
      "This release fixes a crash when the index is rebuilt while documents are being deleted from their source."})
  void englishProseTakesTheShortcut(String text) {
    assertThat(LanguageDetection.plainlyEnglish(text)).isTrue();
    assertThat(LanguageDetection.detect(text, java.util.List.of())).isEqualTo("en");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Der Parser liest jede Datei von der Freigabe und speichert den Text jeder Version, damit die Suche ihn findet.",
      "Le programme lit chaque fichier du partage et enregistre le texte de chaque version pour que la recherche le trouve.",
      "De parser leest elk bestand van de share en slaat de tekst van elke versie op, zodat een zoekopdracht het vindt.",
      "Programmet läser varje fil från resursen och sparar texten i varje version så att en sökning hittar den igen.",
      "Parser czyta każdy plik z udziału i zapisuje tekst każdej wersji, tak aby wyszukiwanie go znalazło, to jest to.",
      "El analizador lee cada archivo del recurso compartido y guarda el texto de cada versión para que la búsqueda lo encuentre.",
      "The short one."})
  void otherLanguagesAndShortTextsGoToTheModels(String text) {
    assertThat(LanguageDetection.plainlyEnglish(text)).isFalse();
  }
}
