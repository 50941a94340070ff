package dev.warden.it;

import java.lang.management.ManagementFactory;

/**
 * How the guards are applied in this JVM, chosen by the system property {@code warden.it.mode}
 * that each failsafe execution sets: {@code processor} (the processor's {@code Guarded…} classes,
 * no agent), {@code agent} (the plain classes under {@code -javaagent}) or {@code both} (the
 * {@code Guarded…} classes under the agent: each call must still be guarded exactly once).
 */
enum Mode {
  PROCESSOR(new GeneratedFixtures(), false),
  AGENT(new PlainFixtures(), true),
  BOTH(new GeneratedFixtures(), true);

  static final String PROPERTY = "warden.it.mode";

  private final Fixtures fixtures;
  private final boolean agent;

  Mode(Fixtures fixtures, boolean agent) {
    this.fixtures = fixtures;
    this.agent = agent;
  }

  /** The mode of this JVM. */
  static Mode current() {
    String value = System.getProperty(PROPERTY);
    if (value == null) {
      throw new IllegalStateException(
          "System property " + PROPERTY + " is not set: run through the failsafe executions of"
              + " integration-tests/pom.xml, or pass -D" + PROPERTY + "=processor|agent|both");
    }
    try {
      return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(PROPERTY + "=" + value + " is not one of processor, agent, both", e);
    }
  }

  /** How scenarios obtain their guarded instances in this mode. */
  Fixtures fixtures() {
    return fixtures;
  }

  /** Whether the mode runs under the Warden java agent. */
  boolean agent() {
    return agent;
  }

  /** Whether the mode uses the processor's generated classes. */
  boolean processor() {
    return this != AGENT;
  }

  /** Whether this JVM was started with the Warden agent on its command line. */
  static boolean agentAttached() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(argument -> argument.startsWith("-javaagent:") && argument.contains("warden-agent"));
  }
}
