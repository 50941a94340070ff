package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Maven snippets that the README and docs/modes.md show are the ones the consumer builds in
 * {@code src/it} run: every region a consumer POM marks {@code <!-- README: … -->} … {@code <!-- end
 * README -->} must appear, line for line (indentation aside, with this build's version), in a
 * documentation page. So a snippet cannot be edited in the docs without the build proving it.
 */
class DocumentedSnippetsTest {

  private static final Pattern REGION =
      Pattern.compile("<!-- README: ([^>]*) -->\\R(.*?)\\R\\s*<!-- end README -->", Pattern.DOTALL);
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void everyMarkedConsumerSnippetIsInTheDocs() throws IOException {
    String version = System.getProperty("warden.version");
    List<String> docs = new ArrayList<>();
    docs.addAll(stripped(Files.readString(ROOT.resolve("README.md"))));
    docs.addAll(stripped(Files.readString(ROOT.resolve("docs/modes.md"))));
    int regions = 0;
    for (String project : List.of("processor-consumer", "agent-consumer")) {
      String pom = Files.readString(ROOT.resolve("integration-tests/src/it/" + project + "/pom.xml"));
      Matcher region = REGION.matcher(pom);
      while (region.find()) {
        regions++;
        List<String> snippet = stripped(region.group(2).replace("@project.version@", version));
        assertTrue(java.util.Collections.indexOfSubList(docs, snippet) >= 0,
            project + " region '" + region.group(1) + "' is not in README.md or docs/modes.md:\n"
                + String.join("\n", snippet));
      }
    }
    assertFalse(regions < 4, "expected the four marked regions, found " + regions);
  }

  private static List<String> stripped(String text) {
    return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }
}
