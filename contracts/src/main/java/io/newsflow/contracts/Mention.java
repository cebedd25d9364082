package io.newsflow.contracts;

/**
 * One place an entity is named in an article.
 *
 * @param text the surface text as it stands in the field
 * @param field {@code title} or {@code body}
 * @param start character offset of the first character in that field
 * @param end character offset one past the last character
 */
public record Mention(String text, String field, int start, int end) {}
