package io.newsflow.enrich;

/**
 * A deserialised value together with the bytes it was read from, so that a record rejected after
 * parsing still reaches the dead-letter topic exactly as it arrived.
 *
 * @param value the parsed value
 * @param raw the bytes as received
 */
public record Received<T>(T value, byte[] raw) {}
