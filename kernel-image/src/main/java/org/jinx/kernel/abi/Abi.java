package org.jinx.kernel.abi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java constant that the guest's C headers (kernel-image/src/main/c/include) also
 * define, so the two sides cannot drift: a test turns every marked constant into a
 * {@code _Static_assert} and has gcc compile it against the headers. Exactly one form is used:
 * <ul>
 *   <li>{@code @Abi} or {@code @Abi("NAME")}: the C macro of that name (default: the Java field's
 *       own name) has the field's value;</li>
 *   <li>{@code @Abi(msg = "m_layout.member")}: the field is {@code offsetof(message, m_layout.member)};</li>
 *   <li>{@code @Abi(offsetOf = "type.member")}: the field is {@code offsetof(type, member)};</li>
 *   <li>{@code @Abi(sizeOf = "type")}: the field is {@code sizeof(type)}.</li>
 * </ul>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Abi {
    String value() default "";

    String msg() default "";

    String offsetOf() default "";

    String sizeOf() default "";
}
