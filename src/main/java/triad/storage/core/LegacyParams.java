package triad.storage.core;

import java.util.Map;
import triad.expression.core.Legacy;

/**
 * The pre-expression parameters of one request (Expected, AttributeUpdates, KeyConditions,
 * QueryFilter/ScanFilter and their ConditionalOperator), carried to the replica as data and
 * compiled there like expressions. Any field may be null.
 */
public record LegacyParams(
    Map<String, Legacy.ExpectedValue> expected,
    Map<String, Legacy.AttributeUpdate> attributeUpdates,
    Map<String, Legacy.Filter> keyConditions,
    Map<String, Legacy.Filter> filter,
    Legacy.ConditionalOperator conditionalOperator) {}
