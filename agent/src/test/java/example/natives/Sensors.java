package example.natives;

import dev.warden.annotations.CountCalls;

/** A class-level guard covers the public instance native method, not the static one. */
@CountCalls
public class Sensors {

  public native int read();

  public static native int calibrate();

  public int cached() {
    return 7;
  }
}
