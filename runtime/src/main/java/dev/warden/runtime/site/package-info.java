/**
 * The contract generated and woven code compile against: {@link dev.warden.runtime.site.GuardSite},
 * the per-method call protocol ({@code enter}, {@code onReturn}/{@code onSuccess}/{@code
 * onFailure}, {@code rejected}), and the agent's entry points {@link
 * dev.warden.runtime.site.WovenSites}, {@link dev.warden.runtime.site.WovenMethods} and {@link
 * dev.warden.runtime.site.ConfiguredMethods}.
 *
 * <p>Code the processor generated with one Warden version runs against the runtime of the same
 * version; within a version these signatures do not change. Applications do not call this package
 * directly: they use the annotations and {@link dev.warden.runtime.Warden}. The site's
 * collaborators (resolution, fallbacks, async stages) are package-private here, and the registry
 * and JMX export live in {@code dev.warden.runtime.internal}, which is not part of any contract.
 */
package dev.warden.runtime.site;
