/**
 * Warden's runtime: the guard primitives, the registry facade {@link dev.warden.runtime.Warden},
 * and the contract generated and woven code call ({@code dev.warden.runtime.site}).
 *
 * <p>Those two packages and the shared-store service interface ({@code dev.warden.runtime.store})
 * are exported. The rule book ({@code dev.warden.runtime.rules}) is
 * shared with the processor and the agent, which read it from the class path (or the agent's own
 * jar), and the registry ({@code dev.warden.runtime.internal}) is nobody's business: its JMX beans
 * are dynamic MBeans, which the MBean server reads without reflecting on the runtime's types.
 */
module dev.warden.runtime {
  requires dev.warden.annotations;
  requires java.management;

  exports dev.warden.runtime;
  exports dev.warden.runtime.site;
  exports dev.warden.runtime.store;

  uses dev.warden.runtime.store.BucketStoreProvider;
}
