package dev.warden.runtime.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import dev.warden.runtime.CallStats;
import dev.warden.runtime.ConfigurationException;
import dev.warden.runtime.Warden;
import java.lang.invoke.MethodHandles;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The three modes of a site: guarding, passing through, misconfigured. */
class SiteModesTest {

  static class Service {
    @CountCalls(name = "modes.woven")
    CompletableFuture<String> woven() {
      return null;
    }

    @Throttled(name = "modes.bad", callsPerSecond = -1)
    void bad() {}
  }

  @Test
  void aPassThroughSiteGuardsNothingAndReturnsTheMethodsOwnStage() throws Exception {
    WovenMethods.markWoven(Service.class.getName(), "woven", "()Ljava/util/concurrent/CompletableFuture;");
    GuardSite site = GuardSite.forGeneratedOverride(MethodHandles.lookup(), Service.class, "woven");
    assertEquals("GuardSite[" + Service.class.getName() + "#woven, pass-through]", site.toString());
    assertSame(GuardSite.ADMITTED, site.enter());
    CompletableFuture<String> own = new CompletableFuture<>();
    assertSame(own, Protocol.call(site, () -> own));
    assertEquals(java.util.Optional.empty(), Warden.callStats("modes.woven").map(CallStats::calls),
        "a pass-through site creates no guard");
  }

  @Test
  void aMisconfiguredSiteFailsEveryCallWithANewExceptionOfTheSameMessage() {
    GuardSite site = GuardSite.forMethod(Service.class, "bad");
    assertEquals("GuardSite[" + Service.class.getName() + "#bad, misconfigured]", site.toString());
    ConfigurationException first = assertThrows(ConfigurationException.class, site::enter);
    ConfigurationException second = assertThrows(ConfigurationException.class, site::enter);
    assertNotSame(first, second);
    assertEquals(first.getMessage(), second.getMessage());
    assertEquals("callsPerSecond", second.attribute());
  }
}
