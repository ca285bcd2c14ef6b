package com.autograph.collaboration.socket;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.apache.tomcat.util.threads.ResizableExecutor;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

/**
 * Tomcat's connector executor, except that the completion of an asynchronous WebSocket
 * send runs on the thread that finished the write instead of being handed to a pool
 * thread.
 * <p>
 * Tomcat hands every such completion to its executor: the WebSocket specification's guard
 * against a handler that sends again from inside its callback and recurses without bound.
 * {@link ClientSocket} never does that (a send its wire finishes on the same thread is
 * followed in its loop, not from the callback), so the guard buys nothing here and costs
 * a thread hand-off per delivered message: a room of 50 spread over two instances woke a
 * pool thread 25 times per edit on each instance (bench/collab). Every other task goes to
 * Tomcat's own pool, which this wraps once the connector has started (so it is the pool
 * Tomcat built from the {@code server.tomcat.threads} settings) and stops with the
 * connector.
 * <p>
 * The completion is recognised by its class, which is Tomcat's own and not API: should a
 * Tomcat upgrade rename it, completions simply go to the pool again, as before, and
 * {@code InlineSendCompletionsTest} fails to say so.
 */
final class InlineSendCompletions implements ResizableExecutor {

    static final String SEND_COMPLETION = "org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer$OnResultRunnable";

    private final ThreadPoolExecutor pool;

    private InlineSendCompletions(ThreadPoolExecutor pool) {
        this.pool = pool;
    }

    static InlineSendCompletions wrapping(ThreadPoolExecutor pool) {
        return new InlineSendCompletions(pool);
    }

    /**
     * Wraps the connector's executor once it has started, and stops that executor when
     * the connector stops (Tomcat stops only an executor it still knows as its own).
     */
    static void install(Connector connector) {
        connector.addLifecycleListener(event -> {
            ProtocolHandler protocol = connector.getProtocolHandler();
            if (Lifecycle.AFTER_START_EVENT.equals(event.getType())
                    && protocol.getExecutor() instanceof ThreadPoolExecutor pool) {
                protocol.setExecutor(wrapping(pool));
            }
            else if (Lifecycle.AFTER_STOP_EVENT.equals(event.getType())
                    && protocol.getExecutor() instanceof InlineSendCompletions wrapper) {
                wrapper.pool.shutdownNow();
            }
        });
    }

    @Override
    public void execute(Runnable task) {
        if (task.getClass().getName().equals(SEND_COMPLETION)) {
            task.run();
            return;
        }
        pool.execute(task);
    }

    @Override
    public int getPoolSize() {
        return pool.getPoolSize();
    }

    @Override
    public int getMaxThreads() {
        return pool.getMaximumPoolSize();
    }

    @Override
    public int getActiveCount() {
        return pool.getActiveCount();
    }

    @Override
    public boolean resizePool(int corePoolSize, int maximumPoolSize) {
        pool.setCorePoolSize(corePoolSize);
        pool.setMaximumPoolSize(maximumPoolSize);
        return true;
    }

    @Override
    public boolean resizeQueue(int capacity) {
        return false;
    }

}
