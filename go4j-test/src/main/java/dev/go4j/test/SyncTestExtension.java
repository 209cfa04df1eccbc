package dev.go4j.test;

import dev.go4j.synctest.Synctest;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/** The extension behind {@link SyncTest}: invokes the test method inside {@link Synctest#test}. */
public final class SyncTestExtension implements InvocationInterceptor {

    /** Runs the test method's invocation as the body of a new bubble. */
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        Synctest.test(() -> {
            try {
                invocation.proceed();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t); // neither: not thrown by a Java method
            }
        });
    }
}
