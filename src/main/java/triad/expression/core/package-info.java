/**
 * DynamoDB's expression language: ConditionExpression, FilterExpression, KeyConditionExpression,
 * ProjectionExpression and UpdateExpression, parsed, checked and evaluated as DynamoDB does, with
 * its error messages word for word.
 *
 * <p>An expression goes through these stages, and the first failure is the one reported, in the
 * order DynamoDB reports them:
 *
 * <ol>
 *   <li>the request's ExpressionAttributeNames/Values maps are validated (once per request,
 *       {@link triad.expression.core.ExpressionContext});
 *   <li>emptiness and the 4096-character limit;
 *   <li>syntax ({@code Parser}), with DynamoDB's "token"/"near" quoting;
 *   <li>redundant parentheses anywhere, then in text order reserved words, list index range,
 *       function names and placement, repeated update sections ({@code SyntaxChecks}) — stages
 *       2 to 4 depend on the text only and are cached ({@code ExpressionCache});
 *   <li>binding to names and values with the checks that need them ({@code Binder}): operands
 *       before operators, left to right for conditions; for updates and projections the paths
 *       from last to first, merged as they come ({@code PathTrie}), then the update operands;
 *   <li>the operator limit (300) for conditions, then the 1 MB limit on the expression with every
 *       name and value substituted at each use;
 *   <li>for a Query, unused names/values, then the key condition's structure against the key
 *       schema ({@code KeyConditions}), then the filter's key attributes.
 * </ol>
 *
 * <p>{@link triad.expression.core.Legacy} turns the parameters that predate expressions
 * (Expected, QueryFilter, ScanFilter, KeyConditions, AttributeUpdates, AttributesToGet) into the
 * same conditions, key conditions, updates and projections.
 *
 * <p>Pure code: no I/O, no clock, no threads; the cache is safe for concurrent use.
 */
package triad.expression.core;
