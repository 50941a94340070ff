package dev.warden.agent;

import dev.warden.runtime.site.GuardSite;
import dev.warden.runtime.site.WovenSites;
import java.lang.invoke.MethodHandles;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.constant.ClassConstant;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.implementation.bytecode.constant.JavaConstantValue;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.utility.JavaConstant;

/**
 * The bytecode that puts a woven method's site on the stack. In a class file of Java 11 or later
 * it is a dynamic constant ({@code ldc} of a {@code CONSTANT_Dynamic} whose bootstrap, {@link
 * WovenSites#site(MethodHandles.Lookup, String, Class, int)}, resolves it once with the woven
 * class's own lookup), which the JIT treats
 * as a constant, like the {@code static final} site of a generated wrapper. Older class files
 * cannot hold one and call {@link WovenSites#site} each time.
 *
 * <p>Immutable; thread-safe.
 */
final class SiteLoad {

  private static final MethodDescription.InDefinedShape BOOTSTRAP;
  private static final MethodDescription.InDefinedShape SITE;
  private static final MethodDescription.InDefinedShape FOR_BODY;

  static {
    try {
      BOOTSTRAP = new MethodDescription.ForLoadedMethod(
          WovenSites.class.getMethod("site", MethodHandles.Lookup.class, String.class, Class.class, int.class));
      SITE = new MethodDescription.ForLoadedMethod(WovenSites.class.getMethod("site", int.class, Class.class));
      FOR_BODY = new MethodDescription.ForLoadedMethod(GuardSite.class.getMethod("forWovenDefaultBody"));
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private SiteLoad() {}

  /** Loads site {@code id} of {@code owner}, whose class file is {@code classFile}. */
  static StackManipulation of(int id, TypeDescription owner, byte[] classFile) {
    if (ClassFileVersion.ofClassFile(classFile).isAtLeast(ClassFileVersion.JAVA_V11)) {
      return new JavaConstantValue(JavaConstant.Dynamic.bootstrap("site", BOOTSTRAP, id));
    }
    return new StackManipulation.Compound(
        IntegerConstant.forValue(id), ClassConstant.of(owner), MethodInvocation.invoke(SITE));
  }

  /**
   * The site a default interface method's woven code uses: {@code site}, then {@link
   * GuardSite#forWovenDefaultBody}, which guards nothing within a call that the method's generated
   * wrapper has already guarded (the body then runs from the wrapper's delegate or {@code super}
   * call, directly or through an override or a proxy).
   */
  static StackManipulation forDefaultBody(StackManipulation site) {
    return new StackManipulation.Compound(site, MethodInvocation.invoke(FOR_BODY));
  }
}
