package dev.warden.benchmarks;

/**
 * Paths fixed by the Maven build (generated from {@code src/main/templates}): the agent jar the
 * woven benchmarks fork with, and the class paths the compile-cost measurement passes to javac.
 * Rebuild with {@code -Dwarden.agent.jar=...} to point the benchmarks at another agent jar.
 */
final class BuildPaths {

  /** The warden agent jar. */
  static final String AGENT_JAR = "${warden.agent.jar}";

  /** The JVM option that loads the agent, weaving only the benchmark package. */
  static final String AGENT_OPTION = "-javaagent:" + AGENT_JAR + "=packages=dev.warden.benchmarks";

  /** warden-annotations and warden-runtime, as javac's class path. */
  static final String WARDEN_CLASSPATH = "${warden.classpath}";

  /** warden-processor and its dependencies, as javac's processor path. */
  static final String PROCESSOR_PATH = "${warden.processor.path}";

  private BuildPaths() {}
}
