package com.autograph.collaboration.socket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;

/**
 * How many sockets this instance holds, in all and per person: each open socket costs the
 * container's buffers and a place in a room, so without a bound one account opening
 * sockets in a loop fills the heap and takes every room on the instance down with it. A
 * signed-in user is counted by their id; guests (share-link holders who are not signed in
 * get a new id per socket) by their client address.
 */
final class SocketQuota {

    static final String SERVER_BUSY = "server_busy";

    private final int maxSockets;

    private final int perUser;

    private final int perGuestAddress;

    private final AtomicInteger total = new AtomicInteger();

    private final Map<String, Integer> byHolder = new ConcurrentHashMap<>();

    SocketQuota(int maxSockets, int perUser, int perGuestAddress) {
        this.maxSockets = maxSockets;
        this.perUser = perUser;
        this.perGuestAddress = perGuestAddress;
    }

    /** Who a socket counts against: a user, or a guest's address. */
    static String holder(String userId, boolean guest, String address) {
        return guest ? "guest:" + address : "user:" + userId;
    }

    /**
     * Takes a place for one more socket of {@code holder}, or says why not: 429
     * {@code too_many_sockets} over the holder's limit, 503 {@code server_busy} over the
     * instance's. Every admitted socket is {@link #release released} once.
     */
    void admit(String holder) {
        if (total.incrementAndGet() > maxSockets) {
            total.decrementAndGet();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, SERVER_BUSY,
                    "This server holds as many live connections as it can; try again in a minute.");
        }
        int limit = holder.startsWith("guest:") ? perGuestAddress : perUser;
        boolean[] admitted = { false };
        byHolder.compute(holder, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_sockets", "You have " + limit
                    + " live connections to this server already; close another tab or window and try again.");
        }
    }

    void release(String holder) {
        byHolder.computeIfPresent(holder, (key, count) -> count <= 1 ? null : count - 1);
        total.decrementAndGet();
    }

    int open() {
        return total.get();
    }

    int open(String holder) {
        return byHolder.getOrDefault(holder, 0);
    }

}
