package dev.warden.agent;

import java.lang.invoke.MethodHandles;

/** Stands in for {@code WovenSites} in classes {@link ScriptedWeaving} made: every site is {@link ScriptedSite#INSTANCE}. */
public final class ScriptedSites {

  private ScriptedSites() {}

  /** As the dynamic-constant bootstrap of {@code WovenSites} (class files of Java 11 and later). */
  public static ScriptedSite site(MethodHandles.Lookup lookup, String name, Class<?> type, int id) {
    return ScriptedSite.INSTANCE;
  }

  /** As {@code WovenSites.site(int, Class)} (older class files). */
  public static ScriptedSite site(int id, Class<?> owner) {
    return ScriptedSite.INSTANCE;
  }
}
