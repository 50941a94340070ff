/**
 * Warden's Micrometer binding: {@link dev.warden.micrometer.WardenMetrics} publishes the meters
 * of every guard in a {@code MeterRegistry}. It reads the runtime's counters when the registry is
 * read, so the guarded calls themselves cost nothing more.
 */
module dev.warden.micrometer {
  requires dev.warden.runtime;
  // micrometer-core is an automatic module; its MeterBinder and Tag are in this module's API.
  requires transitive micrometer.core;

  exports dev.warden.micrometer;
}
