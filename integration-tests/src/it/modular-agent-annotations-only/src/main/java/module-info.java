/**
 * The modular scenario with only the annotations required: warden-runtime is not on the module
 * path, so the code the agent weaves calls the agent's own copy of the runtime, and the
 * application reads its guards through JMX.
 */
module com.example.app {
  requires dev.warden.annotations;
  requires java.management;
}
