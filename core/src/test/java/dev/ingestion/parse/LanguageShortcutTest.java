package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.FastTest;
import java.util.List;
import org.junit.jupiter.api.Test;
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
    assertThat(LanguageDetection.detect(text, List.of())).isEqualTo("en");
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

  @Test
  void shortAsciiSamplesStillReachEveryModel() {
    String french = "Le programme lit chaque fichier du partage et enregistre le texte de chaque version pour que la"
        + " recherche le trouve.";
    assertThat(LanguageDetection.ascii(french)).isTrue();
    assertThat(LanguageDetection.detect(french, List.of())).isEqualTo("fr");
  }

  @Test
  void longAsciiSamplesAreToldApartAmongTheLanguagesWrittenInIt() {
    String german = "Der Parser liest jede Datei von der Freigabe und speichert den Text jeder Version, damit die"
        + " Suche ihn findet. Wenn sich die Konfiguration aendert, wird der Dienst neu gestartet, und die neuen"
        + " Grenzen gelten erst dann, wenn er wieder laeuft. Diese Version behebt einen Absturz beim Neuaufbau"
        + " des Index, waehrend Dokumente aus ihrer Quelle entfernt werden.";
    String dutch = "De parser leest elk bestand van de share en slaat de tekst van elke versie op, zodat een"
        + " zoekopdracht het vindt. Als de configuratie verandert, wordt de dienst opnieuw gestart en gelden de"
        + " nieuwe grenzen pas wanneer hij weer draait. Deze versie verhelpt een crash bij het opnieuw opbouwen"
        + " van de index terwijl documenten uit hun bron worden verwijderd.";
    String changelog = "* New upstream release 2.4.1 (Closes: #1023344)\n* d/control: Bump Standards-Version to 4.6.2,"
        + " no changes needed\n* d/rules: drop override_dh_auto_test, upstream fixed\n-- Aleksey Kravchenko"
        + " <rhash.admin@gmail.com>  Sun, 12 Feb 2023 18:42:11 +0100\n* Upload to unstable\n* d/watch: track tags"
        + "\n* d/copyright: update years, add Upstream-Contact\n* d/patches: refresh 0001-fix-build-flags.patch";
    assertThat(LanguageDetection.detect(german, List.of())).isEqualTo("de");
    assertThat(LanguageDetection.detect(dutch, List.of())).isEqualTo("nl");
    assertThat(changelog).hasSizeGreaterThan(300);
    assertThat(LanguageDetection.detect(changelog, List.of())).isIn("en", "de", "nl", "it");
  }

  @Test
  void englishBetweenNamesAndAddressesIsEnglishWithoutTheModels() {
    String copyright = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        + "Upstream-Name: libexample\nUpstream-Contact: Jana Nowak <jana@example.org>\n"
        + "Source: https://git.example.org/libexample/\n\nFiles: *\nCopyright: 2009-2023 Jana Nowak"
        + " <jana@example.org>\n 2015 Pieter de Vries <pieter@example.nl>\nLicense: LGPL-2.1+\n\n"
        + "Files: debian/*\nCopyright: 2019-2023 Sven Larsson <sven@example.se>\nLicense: LGPL-2.1+\n\n"
        + "License: LGPL-2.1+\n This library is free software; you can redistribute it and/or modify it under the"
        + " terms of the GNU Lesser General Public License as published by the Free Software Foundation; either"
        + " version 2.1 of the License, or (at your option) any later version.\n On Debian systems, the complete"
        + " text of the GNU Lesser General Public License version 2.1 can be found in"
        + " /usr/share/common-licenses/LGPL-2.1.";
    assertThat(LanguageDetection.plainlyEnglish(copyright.substring(0, 400))).isFalse();
    assertThat(LanguageDetection.englishAmongCode(copyright)).isTrue();
    assertThat(LanguageDetection.detect(copyright, List.of())).isEqualTo("en");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Der Parser liest jede Datei von der Freigabe und speichert den Text jeder Version, damit die Suche ihn findet."
          + " Wenn sich die Konfiguration ändert, wird der Dienst neu gestartet, und die neuen Grenzen gelten erst"
          + " dann, wenn er wieder läuft. Diese Version behebt einen Absturz beim Neuaufbau des Index, während"
          + " Dokumente aus ihrer Quelle entfernt werden. Die IT-Abteilung hat das neue Update am Montag eingespielt.",
      "Le programme lit chaque fichier du partage et enregistre le texte de chaque version pour que la recherche le"
          + " trouve. Si la configuration change, le service redémarre et les nouvelles limites ne valent qu'une fois"
          + " qu'il tourne de nouveau. Cette version corrige un plantage lors de la reconstruction de l'index pendant"
          + " que des documents sont supprimés de leur source, et le nouveau manuel explique pourquoi.",
      "El analizador lee cada archivo del recurso compartido y guarda el texto de cada versión para que la búsqueda"
          + " lo encuentre. Si cambia la configuración, el servicio se reinicia y los nuevos límites solo valen cuando"
          + " vuelve a funcionar. Esta versión corrige un fallo al reconstruir el índice mientras se borran documentos"
          + " de su origen, y el manual nuevo explica por qué ocurre."})
  void longProseInTheOtherLanguagesIsNotEnglishAmongCode(String text) {
    assertThat(text.split(" ")).hasSizeGreaterThan(40);
    assertThat(LanguageDetection.englishAmongCode(text)).isFalse();
  }
}
