/**
 * The Warden annotation processor, which checks {@code @Throttled}, {@code @Breaker} and {@code
 * @CountCalls} at compile time and generates, for a class {@code com.acme.Foo} with guarded
 * methods, a subclass {@code com.acme.GuardedFoo} (for an interface: an implementation that
 * delegates to a {@code Foo} given to its constructor) whose overrides apply the guards.
 *
 * <p>Put {@code dev.warden:warden-processor} on the compiler's processor path (in Maven, under
 * {@code annotationProcessorPaths}); the application then creates the generated class where it
 * created its own:
 *
 * <pre>{@code
 * public class Catalogue {
 *   @CountCalls
 *   public Item item(long id) { ... }
 * }
 *
 * Catalogue catalogue = new GuardedCatalogue();   // same constructors as Catalogue
 * }</pre>
 *
 * <p>Invalid attributes, a missing or mismatched fallback and conflicting shared names are
 * compile errors. Not an API for application code: the compiler runs {@link
 * dev.warden.processor.WardenProcessor}, and the generated code calls the runtime's {@code
 * dev.warden.runtime.site} package.
 */
package dev.warden.processor;
