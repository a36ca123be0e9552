package dualwrite.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import dualwrite.chaos.report.Journey.Hop;
import dualwrite.chaos.report.Journey.Lane;
import dualwrite.chaos.report.Journey.Tone;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The diagram of a journey is well-formed SVG that says which transaction it is, and escapes. */
class FlowDiagramTest {

  private static final UUID TX = UUID.fromString("0b5c2d1e-3f40-4a5b-8c6d-7e8f90a1b2c3");

  private static final Journey LOST =
      new Journey(
          TX,
          "deposit <acct-1> & \"10.00\" EUR",
          List.of(
              new Hop(Lane.CLIENT, Lane.BANK, "deposit <acct-1> & \"10.00\"", 1.0, Tone.REQUEST),
              new Hop(Lane.BANK, Lane.POSTGRESQL, "commit", 1.05, Tone.COMMIT),
              new Hop(Lane.BANK, Lane.CLIENT, "fail: <script>alert('x')</script>", 4.1, Tone.FAIL)),
          List.of("lost", "failed-but-committed"),
          "lost: committed at 1.050 s, never on the topic",
          Lane.POSTGRESQL);

  @Test
  void theDiagramIsWellFormedSvgNamingItsTransactionAndItsAnomalies() throws Exception {
    Element svg = parse(FlowDiagram.svg(LOST));

    assertThat(svg.getTagName()).isEqualTo("svg");
    assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(svg.getAttribute("class")).isEqualTo("flow");
    assertThat(svg.getAttribute("data-tx")).isEqualTo(TX.toString());
    assertThat(svg.getAttribute("data-anomalies")).isEqualTo("lost failed-but-committed");
    assertThat(texts(svg))
        .as("the six lanes, a time per row counted from the request, where it stopped")
        .contains("client", "bank", "PostgreSQL", "relay", "Kafka", "fraud service")
        .contains("1.00 s", "+50.0 ms", "+3.10 s", "commit")
        .contains("lost: committed at 1.050 s, never on the topic");
    assertThat(svg.getElementsByTagName("polygon").getLength()).as("an arrow per hop").isEqualTo(3);
    assertThat(svg.getElementsByTagName("path").getLength()).as("one red cross").isEqualTo(1);
    assertThat(Integer.parseInt(svg.getAttribute("width"))).isEqualTo(FlowDiagram.WIDTH);
  }

  @Test
  void everyTextIsEscaped() throws Exception {
    String raw = FlowDiagram.svg(LOST);
    Element svg = parse(raw);

    assertThat(raw).doesNotContain("<script>").doesNotContain("<acct-1>");
    assertThat(svg.getElementsByTagName("script").getLength()).isZero();
    assertThat(texts(svg))
        .as("the labels read as they were written once parsed")
        .contains("fail: <script>alert('x')</script>", "deposit <acct-1> & \"10.00\"");
    assertThat(FlowDiagram.escape("a\u0000b\u0007c\"d'e"))
        .as("characters XML cannot hold are dropped")
        .isEqualTo("abc&quot;d&#39;e");
  }

  @Test
  void aJourneyWithoutAnomaliesCarriesAnEmptyListAndATick() throws Exception {
    Journey checked =
        new Journey(
            TX,
            null,
            List.of(new Hop(Lane.KAFKA, Lane.FRAUD, "checked", 2.5, Tone.CHECK)),
            List.of(),
            "checked",
            Lane.FRAUD);

    Element svg = parse(FlowDiagram.svg(checked));

    assertThat(svg.hasAttribute("data-anomalies")).isTrue();
    assertThat(svg.getAttribute("data-anomalies")).isEmpty();
    assertThat(texts(svg)).as("without a request, times since the run started").contains("2.50 s");
    int height = Integer.parseInt(svg.getAttribute("height"));
    assertThat(height).as("compact: a header, a row, the mark, the words").isLessThan(130);
  }

  private static Element parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    return document.getDocumentElement();
  }

  private static List<String> texts(Element svg) {
    NodeList nodes = svg.getElementsByTagName("text");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }
}
