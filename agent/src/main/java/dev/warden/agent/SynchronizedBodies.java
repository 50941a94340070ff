package dev.warden.agent;

import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.inline.MethodNameTransformer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Keeps the monitor of a guarded {@code synchronized} method on its body only. Such a method is
 * rebased: its original body moves into a private synthetic method named {@code
 * <name>$warden$body} (see {@link #NAMES}), and the method itself loses {@code synchronized} and
 * runs the guard around a call of the body. This visitor marks each moved body {@code
 * synchronized} again, so the body holds the same monitor as before ({@code this}, or the class
 * for a static method: a rebased body stays static), while the guard, which may park for a rate
 * limit token, runs without it.
 *
 * <p>Not thread-safe while it collects bodies; used by one weave at a time.
 */
final class SynchronizedBodies extends AsmVisitorWrapper.AbstractBase {

  /** Names the rebased bodies: {@code <name>$warden$body}, same descriptor. */
  static final MethodNameTransformer NAMES = new MethodNameTransformer.Suffixing("warden$body");

  private final Set<String> bodies = new HashSet<>();

  /** Notes that the body of {@code method} (a synchronized method being rebased) keeps the monitor. */
  void add(MethodDescription method) {
    bodies.add(NAMES.transform(method) + method.getDescriptor());
  }

  boolean isEmpty() {
    return bodies.isEmpty();
  }

  @Override
  public ClassVisitor wrap(
      TypeDescription instrumentedType, ClassVisitor classVisitor, Implementation.Context context,
      TypePool typePool, FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods,
      int writerFlags, int readerFlags) {
    return new ClassVisitor(OpenedClassReader.ASM_API, classVisitor) {
      @Override
      public MethodVisitor visitMethod(
          int access, String name, String descriptor, String signature, String[] exceptions) {
        int flags = bodies.contains(name + descriptor) ? access | Opcodes.ACC_SYNCHRONIZED : access;
        return super.visitMethod(flags, name, descriptor, signature, exceptions);
      }
    };
  }
}
