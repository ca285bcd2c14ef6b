package com.autograph.diagram.upload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import com.autograph.shared.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Imports share a budget of bytes in flight: a burst waits, then gets 429 (never 503),
 * and room comes back.
 */
class ImportBudgetTest {

    private static ImportBudget budget(String inFlight, Duration wait) {
        return new ImportBudget(DataSize.parse(inFlight), wait);
    }

    @Test
    void importsThatDoNotFitTogetherWaitThenGet429AndRoomComesBackWhenOneEnds() throws Exception {
        ImportBudget budget = budget("12MB", Duration.ofMillis(200));
        ImportBudget.Permit big = budget.reserve(DataSize.ofMegabytes(10).toBytes());
        ImportBudget.Permit small = budget.reserve(DataSize.ofMegabytes(1).toBytes());

        assertThatThrownBy(() -> budget.reserve(DataSize.ofMegabytes(5).toBytes()))
            .isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                assertThat(e.code()).isEqualTo("imports_busy");
                assertThat(e.headers().getFirst("Retry-After")).isEqualTo("5");
            });

        // A waiting import gets in as soon as the big one has been read.
        CountDownLatch waiting = new CountDownLatch(1);
        ImportBudget patient = budget("12MB", Duration.ofSeconds(30));
        ImportBudget.Permit held = patient.reserve(DataSize.ofMegabytes(10).toBytes());
        CompletableFuture<ImportBudget.Permit> next = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try {
                return patient.reserve(DataSize.ofMegabytes(5).toBytes());
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(next).isNotDone();
        held.close();
        next.get(10, TimeUnit.SECONDS).close();

        big.close();
        small.close();
        budget.reserve(DataSize.ofMegabytes(12).toBytes()).close();
    }

    @Test
    void onlyAFewImportsMayWaitAtOnceTheNextIsRefusedWithoutHoldingAThread() throws Exception {
        ImportBudget budget = budget("1MB", Duration.ofSeconds(30));
        ImportBudget.Permit full = budget.reserve(DataSize.ofMegabytes(1).toBytes());
        List<CompletableFuture<ImportBudget.Permit>> waiters = new ArrayList<>();
        for (int i = 0; i < ImportBudget.MAX_WAITING; i++) {
            waiters.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return budget.reserve(1024);
                }
                catch (InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
            }, Executors.newVirtualThreadPerTaskExecutor()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> budget.waiting() == ImportBudget.MAX_WAITING);

        long started = System.nanoTime();
        assertThatThrownBy(() -> budget.reserve(1024)).isInstanceOf(ApiException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        full.close();
        for (CompletableFuture<ImportBudget.Permit> waiter : waiters) {
            waiter.get(10, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void anImportLargerThanTheWholeBudgetStillRunsAlone() throws Exception {
        ImportBudget budget = budget("1MB", Duration.ofMillis(100));
        try (ImportBudget.Permit alone = budget.reserve(DataSize.ofMegabytes(5).toBytes())) {
            assertThatThrownBy(() -> budget.reserve(1)).isInstanceOf(ApiException.class);
        }
        budget.reserve(1).close();
    }

}
