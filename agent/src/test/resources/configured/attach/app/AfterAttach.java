package app;

import com.acme.sdk.Client;

/**
 * Runs after the agent was attached; a class of its own so that nothing it uses is loaded (or
 * verified) before. It names no Warden class: the runtime is reachable only once the agent is in.
 */
final class AfterAttach {

  private AfterAttach() {}

  static void run() {
    Client.Pool pool = new Client.Pool();
    for (int i = 0; i < 2; i++) {
      System.out.println(Client.ping());
      try {
        System.out.println(pool.borrow());
      } catch (RuntimeException e) {
        System.out.println(e.getClass().getName() + ": " + e.getMessage());
      }
    }
  }
}
