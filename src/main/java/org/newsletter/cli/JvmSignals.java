package org.newsletter.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.BiConsumer;

/**
 * The JVM's {@code sun.misc.Signal} (module jdk.unsupported, exported for exactly this use: an
 * application handling SIGINT and SIGTERM itself), reached by reflection. Named in source, javac warns
 * that it is internal API on every use, and on JDK 17 nothing silences that warning, while the build
 * treats any warning as an error; reflection keeps the build strict and the dependency explicit here.
 */
final class JvmSignals {

    private final Constructor<?> newSignal;
    private final Method handle;
    private final Method name;
    private final Method number;
    private final Class<?> handlerType;

    private JvmSignals() throws ReflectiveOperationException {
        Class<?> signal = Class.forName("sun.misc.Signal");
        this.handlerType = Class.forName("sun.misc.SignalHandler");
        this.newSignal = signal.getConstructor(String.class);
        this.handle = signal.getMethod("handle", signal, handlerType);
        this.name = signal.getMethod("getName");
        this.number = signal.getMethod("getNumber");
    }

    /** The JVM's signals, or null on a JVM without {@code sun.misc.Signal}. */
    static JvmSignals find() {
        try {
            return new JvmSignals();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /**
     * Handles signal {@code name} (e.g. "INT") with {@code handler}, which gets the signal's name and
     * number on a thread the JVM starts for each signal; returns the handler it replaces, for
     * {@link #restore}.
     *
     * @throws IllegalArgumentException when the JVM keeps this signal to itself (java -Xrs) or the
     *                                  platform has no such signal
     */
    Object install(String signalName, BiConsumer<String, Integer> handler) {
        Object proxy = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType}, (self, method, args) -> {
            switch (method.getName()) {
                case "handle" -> {
                    handler.accept((String) name.invoke(args[0]), (Integer) number.invoke(args[0]));
                    return null;
                }
                case "equals" -> {
                    return self == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(self);
                }
                default -> {
                    return "handler of SIG" + signalName;
                }
            }
        });
        return replace(signalName, proxy);
    }

    /** Puts back a handler {@link #install} returned. */
    void restore(String signalName, Object previous) {
        replace(signalName, previous);
    }

    private Object replace(String signalName, Object handler) {
        try {
            return handle.invoke(null, newSignal.newInstance(signalName), handler);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw new IllegalStateException("cannot handle SIG" + signalName + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot handle SIG" + signalName + ": " + e, e);
        }
    }
}
