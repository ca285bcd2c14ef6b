package com.autograph.collaboration.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.autograph.shared.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocketQuotaTest {

    @Test
    void aUserIsHeldToTheirLimitAndOthersAreNot() {
        SocketQuota quota = new SocketQuota(100, 2, 5);
        String ana = SocketQuota.holder("ana", false, "10.0.0.1");
        quota.admit(ana);
        quota.admit(ana);
        assertThatThrownBy(() -> quota.admit(ana)).isInstanceOfSatisfying(ApiException.class,
                ex -> assertThat(ex.code()).isEqualTo("too_many_sockets"));
        quota.admit(SocketQuota.holder("bob", false, "10.0.0.1"));
        assertThat(quota.open()).isEqualTo(3);
        assertThat(quota.open(ana)).isEqualTo(2);
    }

    @Test
    void guestsAreCountedByAddressWithTheirOwnLimit() {
        SocketQuota quota = new SocketQuota(100, 1, 3);
        // Every guest socket has a new user id; the address is what they share.
        for (int i = 0; i < 3; i++) {
            quota.admit(SocketQuota.holder("guest-" + i, true, "203.0.113.7"));
        }
        assertThatThrownBy(() -> quota.admit(SocketQuota.holder("guest-9", true, "203.0.113.7")))
            .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.code()).isEqualTo("too_many_sockets"));
        quota.admit(SocketQuota.holder("guest-10", true, "198.51.100.1"));
        // A signed-in user at the same address is counted as themselves.
        quota.admit(SocketQuota.holder("carol", false, "203.0.113.7"));
    }

    @Test
    void theInstanceIsHeldToItsLimitAcrossUsersAndAReleaseFreesAPlace() {
        SocketQuota quota = new SocketQuota(3, 10, 10);
        for (String user : List.of("a", "b", "c")) {
            quota.admit(SocketQuota.holder(user, false, ""));
        }
        assertThatThrownBy(() -> quota.admit(SocketQuota.holder("d", false, "")))
            .isInstanceOfSatisfying(ApiException.class, ex -> {
                assertThat(ex.code()).isEqualTo("server_busy");
                assertThat(ex.status().value()).isEqualTo(503);
            });
        // A refusal takes no place.
        assertThat(quota.open()).isEqualTo(3);
        assertThat(quota.open(SocketQuota.holder("d", false, ""))).isZero();
        quota.release(SocketQuota.holder("b", false, ""));
        quota.admit(SocketQuota.holder("d", false, ""));
        assertThat(quota.open(SocketQuota.holder("b", false, ""))).isZero();
    }

    /** Racing admissions of one user never take more than the limit. */
    @Test
    void concurrentAdmissionsNeverExceedTheLimits() throws Exception {
        SocketQuota quota = new SocketQuota(50, 7, 7);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String holder = SocketQuota.holder("user-" + (i % 10), false, "");
                attempts.add(pool.submit(() -> {
                    start.await();
                    try {
                        quota.admit(holder);
                        return true;
                    }
                    catch (ApiException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> attempt : attempts) {
                admitted += attempt.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(50);
            assertThat(quota.open()).isEqualTo(50);
            for (int user = 0; user < 10; user++) {
                assertThat(quota.open(SocketQuota.holder("user-" + user, false, ""))).isLessThanOrEqualTo(7);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

}
