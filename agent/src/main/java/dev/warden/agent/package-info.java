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
 * given package prefixes, {@code verbose=true} logs each woven method. Classes that do not mention
 * a Warden annotation are passed over after a cheap scan of their bytes.
 *
 * <p>Not an API for application code: the JVM calls {@link dev.warden.agent.WardenAgent}, and the
 * woven code calls the runtime's {@code dev.warden.runtime.site} package. Byte Buddy is relocated
 * inside the agent jar, so an application's own copy does not clash with it.
 */
package dev.warden.agent;
