package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Defect 15: the agent skipped a guarded {@code native} method without a word. It cannot weave a
 * method without a body, so it warns once per such method, naming it: a method's own guard, or a
 * class-level guard on a public instance method (not on a static one).
 */
class NativeMethodsIT {

  @Test
  void warnsOnceForEachGuardedNativeMethod() {
    Jvm.Result run = Jvm.withAgent(null, Jvm.fixtures().toString(), "example.natives.Main");
    assertEquals(0, run.exitCode(), run::toString);
    List<String> warnings = run.err().lines()
        .filter(line -> line.startsWith("[warden-agent] WARNING native method "))
        .map(line -> line.substring("[warden-agent] WARNING native method ".length(), line.indexOf(" is not guarded")))
        .collect(Collectors.toList());
    assertEquals(List.of("example.natives.Clock#ticks()J", "example.natives.Sensors#read()I"), warnings, run::toString);
  }
}
