/**
 * The rules Warden's processor, agent and runtime share: how a guard annotation is read and judged,
 * written once. Not for application code; its types may change in any release.
 *
 * <p>The rules work on plain data, so each mode only has to translate its own model: a {@link
 * dev.warden.runtime.rules.GuardDeclaration} is one annotation (kind, where it is written, attribute
 * values), a {@link dev.warden.runtime.rules.MethodShape} is a method (names of its types, its
 * modifiers), and a {@link dev.warden.runtime.rules.TypeOracle} answers the few questions about
 * types the rules ask. The runtime translates reflection ({@link
 * dev.warden.runtime.rules.Reflection}), the processor {@code javax.lang.model}, the agent Byte
 * Buddy's type descriptions. Type names are written as {@link Class#getTypeName()} does: binary
 * names, primitive keywords and {@code []} for arrays. The java agent's configuration adds a fourth
 * source of declarations: {@linkplain dev.warden.runtime.rules.GuardEntries guard entries}, text
 * parsed to {@linkplain dev.warden.runtime.rules.GuardDeclaration#configured(dev.warden.runtime.rules.GuardKind,
 * String, java.util.Map) configured declarations} that the same rules judge.
 *
 * <p>The rules are: which methods a type-level annotation applies to ({@link
 * dev.warden.runtime.rules.TypeLevel}), guard names ({@link dev.warden.runtime.rules.GuardNames}),
 * attribute values ({@link dev.warden.runtime.rules.Values}), overrides ({@link
 * dev.warden.runtime.rules.Overrides}), fallback resolution ({@link
 * dev.warden.runtime.rules.Fallbacks}), asynchronous return types ({@link
 * dev.warden.runtime.rules.AsyncReturn}), shared names ({@link
 * dev.warden.runtime.rules.SharedNames}) and, in the order the runtime and the agent apply them,
 * {@link dev.warden.runtime.rules.MethodRules}. Every message they produce is written in one
 * package-private class.
 */
package dev.warden.runtime.rules;
