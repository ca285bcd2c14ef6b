package com.autograph.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * A test's subscription to one Redis pub/sub channel. {@link #open} returns once Redis
 * has confirmed the subscription (its SUBSCRIBE reply), so a message published after that
 * is delivered: no sleep before publishing. Messages are kept in the order they arrive.
 */
public final class ChannelSubscription implements AutoCloseable {

    /** A message as received: its channel and body. */
    public record Received(String channel, String body) {
    }

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();

    private final CountDownLatch subscribed = new CountDownLatch(1);

    private ChannelSubscription(RedisConnectionFactory connections, String channel) {
        container.setConnectionFactory(connections);
        // The default executor hands each message to a thread of its own, which can
        // reorder them.
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(new Listener(), new ChannelTopic(channel));
    }

    public static ChannelSubscription open(RedisConnectionFactory connections, String channel)
            throws InterruptedException {
        ChannelSubscription subscription = new ChannelSubscription(connections, channel);
        subscription.container.afterPropertiesSet();
        subscription.container.start();
        if (!subscription.subscribed.await(10, TimeUnit.SECONDS)) {
            subscription.close();
            throw new AssertionError("Redis did not confirm the subscription to " + channel + " within 10 s");
        }
        return subscription;
    }

    /** The next message's body, or null if none arrives in time. */
    public String next(Duration timeout) throws InterruptedException {
        Received received = nextReceived(timeout);
        return received == null ? null : received.body();
    }

    public Received nextReceived(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        container.stop();
        try {
            container.destroy();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private final class Listener implements MessageListener, SubscriptionListener {

        @Override
        public void onMessage(Message message, byte[] pattern) {
            messages.add(new Received(new String(message.getChannel(), StandardCharsets.UTF_8),
                    new String(message.getBody(), StandardCharsets.UTF_8)));
        }

        @Override
        public void onChannelSubscribed(byte[] channel, long count) {
            subscribed.countDown();
        }

    }

}
