package com.acme.sdk;

/** A subclass that inherits {@code send} from {@link Client} and declares one method of its own. */
public class Special extends Client {

  public String special() {
    return "special";
  }
}
