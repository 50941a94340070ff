/**
 * Warden's annotations: {@code @Throttled}, {@code @Breaker} and {@code @CountCalls}. No
 * dependencies; read at run time by the runtime (generated code) or the java agent (woven code).
 */
module dev.warden.annotations {
  exports dev.warden.annotations;
}
