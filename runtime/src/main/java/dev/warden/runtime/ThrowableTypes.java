package dev.warden.runtime;

import java.util.List;

/** Matching a throwable against a configured list of types. Stateless; thread-safe. */
final class ThrowableTypes {

  private ThrowableTypes() {}

  /** {@return whether {@code failure} is an instance of one of {@code types}} */
  static boolean anyMatches(List<Class<? extends Throwable>> types, Throwable failure) {
    for (int i = 0, n = types.size(); i < n; i++) {
      if (types.get(i).isInstance(failure)) {
        return true;
      }
    }
    return false;
  }
}
