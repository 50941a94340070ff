package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up stays cheap: the agent loads Byte Buddy only when the first class that needs weaving
 * is loaded, and that first weave is safe when several threads load guarded classes at once.
 * Reading guard entries in {@code premain} loads neither Byte Buddy nor the runtime's registry.
 */
class StartupIT {

  private static final String BYTE_BUDDY = "dev.warden.agent.shaded.";

  @Test
  void startsWithoutLoadingByteBuddyWhenNoClassNeedsWeaving() {
    Jvm.Result run = verboseClassRun();
    assertEquals(0, run.exitCode(), run::toString);
    List<String> out = run.out().lines().toList();
    assertTrue(out.contains("started"), run::toString);
    assertTrue(loaded(out, "dev.warden.agent.WardenTransformer") > 0, "the agent did not start\n" + run);
    assertEquals(0, loaded(out, BYTE_BUDDY), run::toString);
    assertEquals("", run.err(), run::toString);
  }

  @Test
  void loadsByteBuddyForTheFirstGuardedClassAlsoWhenThreadsRace() {
    Jvm.Result run = verboseClassRun("guarded");
    assertEquals(0, run.exitCode(), run::toString);
    List<String> out = run.out().lines().toList();
    assertTrue(loaded(out, BYTE_BUDDY) > 0, run::toString);
    assertEquals(
        List.of("started", "example.lazy.First 2", "example.lazy.Second 2", "example.lazy.Third 2", "example.lazy.Fourth 2"),
        out.stream().filter(line -> !line.startsWith("[")).toList(), run::toString);
    assertEquals("", run.err(), run::toString);
  }

  /**
   * Review R7: with {@code config=}, premain reads and checks the entries with the rules and the
   * JDK only: before the application's main class loads, no Byte Buddy, no registry, no logging
   * ({@code java.util.logging}, {@code System.Logger}) and no record {@code equals} bootstrap
   * ({@code ObjectMethods}, which starts the method-handle machinery).
   */
  @Test
  void readsGuardEntriesWithoutLoadingByteBuddyOrTheRegistry(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("guards.properties"),
        "com.acme.sdk.Never#send(java.lang.String) = @Throttled(callsPerSecond=5, burst=10) @Breaker\n");
    Jvm.Result run = verboseClassRunWithAgentOptions("config=" + config);
    assertEquals(0, run.exitCode(), run::toString);
    List<String> out = run.out().lines().toList();
    assertTrue(out.contains("started"), run::toString);
    List<String> beforeMain = out.subList(0, out.indexOf(out.stream()
        .filter(line -> line.contains("[class,load] example.lazy.Lazy ")).findFirst().orElseThrow()));
    assertTrue(loaded(beforeMain, "dev.warden.agent.ConfiguredClasses") > 0, "the entries were not read\n" + run);
    assertTrue(loaded(beforeMain, "dev.warden.runtime.rules.GuardEntries") > 0, run::toString);
    for (String absent : List.of(BYTE_BUDDY, "dev.warden.runtime.internal.", "java.util.logging.", "sun.util.logging.",
        "java.lang.System$Logger", "jdk.internal.logger.", "java.lang.runtime.ObjectMethods")) {
      assertEquals(0, loaded(beforeMain, absent), () -> absent + " loaded before main\n" + run);
    }
    assertEquals(List.of("[warden-agent] WARNING guard entry com.acme.sdk.Never#send(java.lang.String) (" + config
            + ") guarded nothing: class com.acme.sdk.Never was never loaded"),
        run.err().lines().toList(), run::toString);
  }

  private static Jvm.Result verboseClassRun(String... args) {
    return verboseClassRunWithAgentOptions(null, args);
  }

  private static Jvm.Result verboseClassRunWithAgentOptions(String options, String... args) {
    Path javaHome = Path.of(System.getProperty("java.home"));
    return Jvm.runWithFlags(javaHome, List.of("-verbose:class", Jvm.agentFlag(options)), Jvm.fixtures().toString(),
        "example.lazy.Lazy", args);
  }

  private static long loaded(List<String> verboseOut, String classNamePrefix) {
    return verboseOut.stream().filter(line -> line.contains("[class,load] " + classNamePrefix)).count();
  }
}
