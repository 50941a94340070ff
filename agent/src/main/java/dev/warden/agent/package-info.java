/**
 * The Warden java agent: it weaves the guards of {@code @Throttled}, {@code @Breaker} and {@code
 * @CountCalls} into the bytecode of annotated methods as their classes load, static, private and
 * final methods included, without any change to the application's build.
 *
 * <pre>{@code
 * java -javaagent:warden-agent.jar=packages=com.acme,verbose=true -jar shop.jar
 * }</pre>
 *
 * <p>Options are comma-separated {@code key=value} pairs: {@code packages} limits weaving to the
 * given package prefixes, {@code verbose=true} logs each woven method, {@code config=<file>} names
 * a file of guard entries. Classes that do not mention a Warden annotation are passed over after a
 * cheap scan of their bytes, unless a guard entry names them.
 *
 * <p>Guard entries guard code that cannot be annotated, such as a third-party client, with the
 * same rules, names and messages as the annotations:
 *
 * <pre>{@code
 * com.acme.sdk.Client#send(java.lang.String) = @Throttled(callsPerSecond=5, burst=10) @Breaker(failureThreshold=3)
 * }</pre>
 *
 * <p>They are read at start-up from the {@code config=} file and from the {@code warden.properties}
 * the system class loader finds; an invalid entry stops the JVM from starting. Where a method
 * carries Warden annotations, they win and the entry is not applied (with a warning). Entries that
 * guarded nothing are reported at exit.
 *
 * <p>Not an API for application code: the JVM calls {@link dev.warden.agent.WardenAgent}, and the
 * woven code calls the runtime's {@code dev.warden.runtime.site} package. Byte Buddy is relocated
 * inside the agent jar, so an application's own copy does not clash with it.
 */
package dev.warden.agent;
