/**
 * A modular application guarded by Warden. It requires the annotations and the runtime (whose
 * exported dev.warden.runtime.site package the generated or woven code calls) and exports or
 * opens nothing: its guarded class and private fallback live in a package no one else can see.
 * It does not require java.compiler: the processor leaves {@code @Generated} off the wrappers of a
 * module that cannot read it.
 */
module com.example.app {
  requires dev.warden.annotations;
  requires dev.warden.runtime;
  requires java.management;
}
