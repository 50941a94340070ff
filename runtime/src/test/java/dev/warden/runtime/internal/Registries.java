package dev.warden.runtime.internal;

import dev.warden.runtime.TimeSource;

/** Gives tests of other runtime packages a registry of their own, on their clock. */
public final class Registries {

  private Registries() {}

  /** A fresh registry on {@code time}, exporting to the platform MBean server like the real one. */
  public static GuardRegistry create(TimeSource time) {
    return new GuardRegistry(time, new JmxExporter());
  }
}
