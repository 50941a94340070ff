package app;

import com.acme.sdk.Client;
import com.acme.sdk.Special;

/** Loads {@link Client} and {@link Special} (never {@code Client.Pool}), calls two methods, then prints a PASS line. */
public final class Start {

  private Start() {}

  public static void main(String[] args) {
    System.out.println(Client.ping());
    System.out.println(new Special().special());
    System.out.println("PASS started");
  }
}
