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
 * @param <E> element type
 */
public final class ThreadSafeSet<E> {

  private final Set<E> elements = ConcurrentHashMap.newKeySet();

  /**
   * Adds {@code element}.
   *
   * @return {@code true} for the one caller that added it, {@code false} if it was present
   * @throws NullPointerException if {@code element} is null
   */
  public boolean add(E element) {
    return elements.add(Objects.requireNonNull(element, "element"));
  }

  /** Whether {@code element} has been added. */
  public boolean contains(Object element) {
    return element != null && elements.contains(element);
  }

  /** The number of elements. */
  public int size() {
    return elements.size();
  }

  /** An immutable copy of the elements at about this moment. */
  public Set<E> snapshot() {
    return Set.copyOf(elements);
  }

  @Override
  public String toString() {
    return elements.toString();
  }
}
