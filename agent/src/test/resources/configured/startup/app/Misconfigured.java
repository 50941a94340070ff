package app;

import com.acme.sdk.Client;
import com.acme.sdk.Special;

/** Calls, twice, two configured methods whose entries only their classes show wrong; prints what each call did. */
public final class Misconfigured {

  private Misconfigured() {}

  public static void main(String[] args) {
    for (int i = 0; i < 2; i++) {
      try {
        System.out.println(Client.ping());
      } catch (RuntimeException e) {
        System.out.println(e.getClass().getName() + ": " + e.getMessage());
      }
      try {
        System.out.println(new Special().special());
      } catch (RuntimeException e) {
        System.out.println(e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }
}
