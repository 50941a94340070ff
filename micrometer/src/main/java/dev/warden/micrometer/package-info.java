/**
 * Micrometer meters for Warden's guards: bind {@link dev.warden.micrometer.WardenMetrics} to a
 * {@code MeterRegistry}.
 */
package dev.warden.micrometer;
