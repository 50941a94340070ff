package app;

import com.acme.sdk.Client;
import com.sun.tools.attach.VirtualMachine;

/**
 * Loads {@link Client}, then attaches the agent to its own JVM ({@code args}: the agent jar and
 * its options) and runs {@link AfterAttach}, which uses {@code Client} again and loads {@code
 * Client.Pool} for the first time.
 */
public final class Attach {

  private Attach() {}

  public static void main(String[] args) throws Exception {
    System.out.println(Client.ping());
    VirtualMachine vm = VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
    try {
      vm.loadAgent(args[0], args[1]);
    } finally {
      vm.detach();
    }
    AfterAttach.run();
  }
}
