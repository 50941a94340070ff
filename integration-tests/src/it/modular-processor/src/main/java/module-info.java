/**
 * A modular application guarded by Warden. It requires the annotations and the runtime (whose
 * exported dev.warden.runtime.site package the generated or woven code calls) and exports or
 * opens nothing: its guarded class and private fallback live in a package no one else can see.
 * The generated wrappers carry {@code @javax.annotation.processing.Generated}, which only the
 * compiler needs: {@code requires static java.compiler}.
 */
module com.example.app {
  requires dev.warden.annotations;
  requires dev.warden.runtime;
  requires static java.compiler;
  requires java.management;
}
