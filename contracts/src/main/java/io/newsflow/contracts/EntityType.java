package io.newsflow.contracts;

/** What an {@link Entity} is. Locations are typed further by {@link Entity#subtype()}. */
public enum EntityType {
  PERSON,
  ORGANIZATION,
  LOCATION
}
