package example.app;

import dev.warden.runtime.GuardRejectedException;
import dev.warden.runtime.site.GuardSite;
import java.lang.invoke.MethodHandles;

/** Written the way the processor generates its wrapper of {@link Service}. */
public class GuardedService extends Service {

  private static final GuardSite CALL = GuardSite.forGeneratedOverride(MethodHandles.lookup(), Service.class, "call", String.class);

  @Override
  public String call(String text) {
    Object permit = CALL.enter();
    if (permit instanceof GuardRejectedException) {
      return (String) CALL.rejected(permit, this, new Object[] {text});
    }
    String result;
    try {
      result = super.call(text);
    } catch (Throwable t) {
      CALL.onFailure(permit, t);
      throw t;
    }
    return CALL.onReturn(permit, result);
  }
}
