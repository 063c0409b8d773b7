package triad.metadata.core;

import java.util.List;
import triad.item.core.KeySchema;

/**
 * A secondary index as defined at CreateTable (local) or later (global): its key, its projection
 * (ALL, KEYS_ONLY or INCLUDE with non-key attributes) and, for a global index in provisioned
 * mode, its own throughput.
 */
public record IndexDefinition(
    String name,
    boolean global,
    KeySchema keySchema,
    String projectionType,
    List<String> nonKeyAttributes,
    long readCapacityUnits,
    long writeCapacityUnits) {}
