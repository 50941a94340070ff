package dev.warden.runtime;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set that only grows, whose {@link #add(Object)} tells exactly one of many racing threads that
 * it added an element first; a primitive for users as much as for Warden itself.
 *
 * <p>Thread-safe: every method may be called concurrently; {@link #add(Object)} and {@link
 * #contains(Object)} are atomic (linearizable), {@link #size()} and {@link #snapshot()} are
 * exact when no add runs meanwhile. Readers never block (backed by {@link ConcurrentHashMap});
 * {@code null} elements are rejected.
 *
 * <p>Example: of many threads that see the same new tenant, exactly one provisions it:
 *
 * <pre>{@code
 * ThreadSafeSet<String> provisioned = new ThreadSafeSet<>();
 *
 * void onRequest(String tenant) {
 *   if (provisioned.add(tenant)) {
 *     provision(tenant);   // runs once per tenant, whatever the number of threads
 *   }
 * }
 * }</pre>
 *
 * @param <E> element type
 */
public final class ThreadSafeSet<E> {

  private final Set<E> elements = ConcurrentHashMap.newKeySet();

  /** An empty set. */
  public ThreadSafeSet() {}

  /**
   * Adds {@code element}.
   *
   * @param element the element to add
   * @return {@code true} for the one caller that added it, {@code false} if it was present
   * @throws NullPointerException if {@code element} is null
   */
  public boolean add(E element) {
    return elements.add(Objects.requireNonNull(element, "element"));
  }

  /**
   * Whether {@code element} has been added.
   *
   * @param element the element to look for; {@code null} is never present
   * @return {@code true} if it has been added
   */
  public boolean contains(Object element) {
    return element != null && elements.contains(element);
  }

  /** {@return the number of elements} */
  public int size() {
    return elements.size();
  }

  /** {@return an immutable copy of the elements at about this moment} */
  public Set<E> snapshot() {
    return Set.copyOf(elements);
  }

  @Override
  public String toString() {
    return elements.toString();
  }
}
