package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.limiter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.PartnerApi;
import dev.warden.it.fixtures.PartnerReports;
import dev.warden.runtime.ThrottledException;
import dev.warden.runtime.Warden;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Class-level annotations and shared names: one bucket for a whole API. */
class SharedNameIT {

  @Test
  void classLevelThrottleWithASharedNameIsOneBucketAcrossMethodsAndClasses() throws Exception {
    PartnerApi api = Mode.current().fixtures().partnerApi();
    PartnerReports reports = Mode.current().fixtures().partnerReports();
    assertEquals("users", api.users());
    assertEquals("orders", api.orders());
    assertEquals("daily", reports.daily());

    ThrottledException e = assertThrows(ThrottledException.class, api::users);
    assertEquals("partner-api", e.guardName());
    assertThrows(ThrottledException.class, api::orders);
    assertThrows(ThrottledException.class, reports::daily);
    assertEquals(3, limiter("partner-api").config().burst());
    assertTrue(Warden.rateLimiter(FIXTURES + "PartnerApi#users").isEmpty(), "named, not default-named");

    assertEquals("up", api.health(), "its own @Throttled replaces the class's");
    assertEquals(100, limiter(FIXTURES + "PartnerApi#health").config().burst());
    assertEquals("v2", PartnerApi.version(), "static: the class-level annotation does not apply");
    assertTrue(Warden.rateLimiter(FIXTURES + "PartnerApi#version").isEmpty());

    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName bean = new ObjectName("dev.warden:type=Throttled,name=" + ObjectName.quote("partner-api"));
    assertEquals(3, server.getAttribute(bean, "Burst"));
    assertEquals(0L, server.getAttribute(bean, "AvailablePermits"));
  }
}
