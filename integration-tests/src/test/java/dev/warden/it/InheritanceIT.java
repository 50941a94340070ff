package dev.warden.it;

import static dev.warden.it.Guards.FIXTURES;
import static dev.warden.it.Guards.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.it.fixtures.GuardedStatusClient;
import dev.warden.it.fixtures.StatusClient;
import dev.warden.runtime.ThrottledException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A guarded method inherited from a superclass is guarded in the subclass exactly once, under
 * the declaring class's name, in every mode; a wrapper whose type declares a nested type that
 * shadows an imported one compiles and guards.
 */
class InheritanceIT {

  private final Mode mode = Mode.current();

  private StatusClient client() {
    return mode.processor() ? new GuardedStatusClient() : new StatusClient();
  }

  @Test
  void inheritedGuardedMethodIsGuardedOnceUnderTheDeclaringClassName() {
    StatusClient client = client();
    assertEquals("pong", client.ping());
    assertEquals("pong", client.ping(), "burst 2: a doubly guarded call would already be rejected");
    ThrottledException rejected = assertThrows(ThrottledException.class, client::ping);
    assertTrue(rejected.getMessage().contains(FIXTURES + "BaseClient#ping"), rejected.getMessage());
  }

  @Test
  void wrapperWithAShadowingNestedTypeGuardsBothPathTypes() {
    StatusClient client = client();
    assertEquals("up:/health", client.status(new StatusClient.Path("/health")));
    assertEquals("dump:x.log", client.dump(Path.of("x.log"), null));
    assertEquals(1, stats(FIXTURES + "StatusClient#status").calls());
    assertEquals(1, stats(FIXTURES + "StatusClient#dump").calls());
  }
}
