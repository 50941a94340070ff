/**
 * Warden's runtime: the guard primitives, the registry facade {@link dev.warden.runtime.Warden},
 * and the contract generated and woven code call ({@code dev.warden.runtime.site}).
 *
 * <p>Those two packages and the shared-store service interface ({@code dev.warden.runtime.store})
 * are exported. The rule book ({@code dev.warden.runtime.rules}) is
 * shared with the processor and the agent, which read it from the class path (or the agent's own
 * jar), and the registry ({@code dev.warden.runtime.internal}) is nobody's business: its JMX beans
 * are dynamic MBeans, which the MBean server reads without reflecting on the runtime's types.
 *
 * <p>{@code jdk.jfr} is optional: the JFR events ({@code dev.warden.runtime.jfr}, not exported)
 * are recorded where the module is present, as it is in every full JDK (the boot layer resolves
 * it); a jlinked image without it, or {@code --limit-modules}, runs without the events instead of
 * failing.
 */
module dev.warden.runtime {
  requires dev.warden.annotations;
  requires java.management;
  requires static jdk.jfr;

  exports dev.warden.runtime;
  exports dev.warden.runtime.site;
  exports dev.warden.runtime.store;

  uses dev.warden.runtime.store.BucketStoreProvider;
}
