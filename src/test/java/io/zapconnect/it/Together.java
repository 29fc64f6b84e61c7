package io.zapconnect.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Tasks started together, as concurrent callers are: every one waits until all are submitted. */
public final class Together {

    private Together() {
    }

    /** What one task came to: its value, or what it threw. */
    public record Outcome<T>(T value, Throwable failure) {

        /** The value; a failure is rethrown as the test's failure. */
        public T get() {
            if (failure != null) {
                throw new AssertionError("a task failed: " + failure, failure);
            }
            return value;
        }
    }

    /**
     * Runs {@code tasks} tasks on {@code threads} threads, all released at once, and waits (at
     * most a minute each) for every outcome, in the order of the tasks.
     *
     * @param task the task of each index
     */
    public static <T> List<Outcome<T>> run(int threads, int tasks, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                Callable<T> each = task.apply(i);
                futures.add(pool.submit(() -> {
                    go.await();
                    return each.call();
                }));
            }
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    outcomes.add(new Outcome<>(future.get(60, TimeUnit.SECONDS), null));
                } catch (ExecutionException failed) {
                    outcomes.add(new Outcome<>(null, failed.getCause()));
                } catch (TimeoutException stuck) {
                    throw new AssertionError("a task took more than a minute", stuck);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
