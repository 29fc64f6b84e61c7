package io.zapconnect.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Coalesces identical calls: while one is under way, the others with the same key wait for its
 * answer (or its failure) instead of calling again. The first caller makes the call on its own
 * thread, so it keeps its request's context.
 */
final class InFlight {

    private final ConcurrentHashMap<Object, CompletableFuture<Object>> calls = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    <T> T join(Object key, Supplier<T> call) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = calls.putIfAbsent(key, mine);
        if (running != null) {
            return (T) await(running);
        }
        try {
            T answer = call.get();
            mine.complete(answer);
            return answer;
        } catch (RuntimeException | Error failed) {
            mine.completeExceptionally(failed);
            throw failed;
        } finally {
            calls.remove(key, mine);
        }
    }

    /** How many callers are waiting for a call under way (an estimate while they arrive). */
    int waiting() {
        return calls.values().stream().mapToInt(CompletableFuture::getNumberOfDependents).sum();
    }

    private static Object await(CompletableFuture<Object> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failed) {
                throw failed;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
