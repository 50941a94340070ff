package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agent options on a real JVM: selection, verbose logging and start-up errors. */
class AgentOptionsIT {

  @Test
  void weavesOnlyTheSelectedPackages() {
    Jvm.Result run = Jvm.withAgent("packages=example.other,example.child,verbose=true", Jvm.fixtures().toString(),
        "example.app.Main", "unwoven");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(List.of("PASS unwoven"), run.out().lines().toList(), run::toString);
    assertFalse(run.err().contains("wove example.app"), run::toString);
  }

  @Test
  void logsEachWovenMethodWhenVerbose() {
    Jvm.Result run = Jvm.withAgent("verbose=true,packages=example.app", Jvm.fixtures().toString(),
        "example.app.Main", "one-registry");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.err().lines().anyMatch(
        "[warden-agent] wove example.app.Service#call(Ljava/lang/String;)Ljava/lang/String;"::equals), run::toString);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "bogus=1|unknown option 'bogus'",
    "verbose=yes|verbose must be true or false, got 'yes'",
    "packages=|packages needs a package name",
    "packages=com..acme|packages entry 'com..acme' is not a package name",
    "verbose=true,stray|'stray' is not key=value",
  })
  void refusesToStartWithABadOption(String options, String message) {
    Jvm.Result run = Jvm.withAgent(options, Jvm.fixtures().toString(), "example.app.Main", "unwoven");
    assertNotEquals(0, run.exitCode(), run::toString);
    assertTrue(run.err().contains("[warden-agent] Invalid warden-agent option: " + message), run::toString);
    assertFalse(run.out().contains("PASS"), run::toString);
  }
}
