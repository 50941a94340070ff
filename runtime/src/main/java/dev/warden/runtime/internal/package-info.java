/**
 * The registry of named guards and their JMX export. An implementation detail of the runtime, not
 * for application code and not a stable interface: applications read guards through {@link
 * dev.warden.runtime.Warden}, and generated or woven code goes through {@code
 * dev.warden.runtime.site}.
 */
package dev.warden.runtime.internal;
