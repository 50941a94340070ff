package example.bb;

import dev.warden.runtime.Warden;
import example.app.Service;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/** An application using its own (unrelocated) Byte Buddy while the agent runs. */
public final class OwnByteBuddy {

  private OwnByteBuddy() {}

  public static void main(String[] args) throws Exception {
    Class<?> made = new ByteBuddy()
        .subclass(Object.class)
        .method(ElementMatchers.named("toString"))
        .intercept(FixedValue.value("made by the application's Byte Buddy"))
        .make()
        .load(OwnByteBuddy.class.getClassLoader())
        .getLoaded();
    System.out.println(made.getConstructor().newInstance());
    System.out.println("own Byte Buddy from application loader: "
        + (ByteBuddy.class.getClassLoader() == OwnByteBuddy.class.getClassLoader()));
    new Service().call("x");
    System.out.println("Service#call calls: " + Warden.callStats("example.app.Service#call").get().calls());
  }
}
