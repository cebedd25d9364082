package io.newsflow.enrich.entity;

/** What an {@link Entity} is. Locations are typed further by {@link Entity#subtype()}. */
public enum EntityType {
  PERSON,
  ORGANIZATION,
  LOCATION
}
