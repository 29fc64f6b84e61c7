package io.zapconnect.model;

/**
 * A field an action's run will produce, as Zapier describes it before any run.
 *
 * @param type Zapier's kind of output field
 * @param id its key in a run's results ({@code parents[]sha} for a list of objects)
 * @param title its name for people
 * @param sample what a value may look like, or null
 */
public record OutputField(String type, String id, String title, String sample) {
}
