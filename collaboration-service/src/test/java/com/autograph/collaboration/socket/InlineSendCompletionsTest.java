package com.autograph.collaboration.socket;

import java.lang.reflect.Constructor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.SendHandler;

import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.apache.tomcat.websocket.WsSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The completion of an asynchronous WebSocket send runs on the thread that reports it;
 * every other task still goes to Tomcat's pool. The completion is Tomcat's own class,
 * made here as Tomcat makes it: should an upgrade rename or reshape it, this fails,
 * instead of completions quietly going back to the pool.
 */
class InlineSendCompletionsTest {

    private final ThreadPoolExecutor pool = tomcatPool();

    private final InlineSendCompletions executor = InlineSendCompletions.wrapping(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aSendCompletionRunsOnTheCallingThread() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        executor.execute(sendCompletion(result -> ranOn.complete(Thread.currentThread())));
        assertThat(ranOn).isCompletedWithValue(Thread.currentThread());
        assertThat(pool.getCompletedTaskCount()).isZero();
    }

    @Test
    void everyOtherTaskGoesToThePool() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        executor.execute(() -> ranOn.complete(Thread.currentThread()));
        assertThat(ranOn.get(10, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread());
        assertThat(ranOn.get().getName()).startsWith("test-exec-");
        assertThat(executor.getMaxThreads()).isEqualTo(4);
    }

    /** Tomcat's completion runnable, as {@code WsRemoteEndpointImplServer} creates it. */
    private static Runnable sendCompletion(SendHandler handler) throws Exception {
        Class<?> type = Class.forName(InlineSendCompletions.SEND_COMPLETION);
        Constructor<?> constructor = type.getDeclaredConstructor(WsSession.class, SendHandler.class, Throwable.class);
        constructor.setAccessible(true);
        return (Runnable) constructor.newInstance(null, handler, null);
    }

    /** A pool made as Tomcat's connector makes its own. */
    private static ThreadPoolExecutor tomcatPool() {
        TaskQueue queue = new TaskQueue();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 4, 60, TimeUnit.SECONDS, queue,
                new TaskThreadFactory("test-exec-", true, Thread.NORM_PRIORITY));
        queue.setParent(pool);
        return pool;
    }

}
