package io.zapconnect.model;

import java.util.List;

/**
 * A Zap to create ({@code POST /v2/zaps}).
 *
 * @param title the Zap's title
 * @param steps its steps, the trigger first
 */
public record NewZap(String title, List<ZapStep> steps) {

    public NewZap {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
