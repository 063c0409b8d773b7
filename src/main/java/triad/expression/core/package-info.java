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
 * <p>An update applied to an item fails at the first problem met in one walk down its path tree,
 * each node's children visited in DynamoDB's hash-table order ({@code PathTrie}), not in text or
 * clause order: a path that does not fit the item, a SET operand missing or of the wrong type
 * (each operand checked as soon as it is evaluated, left to right), an ADD or DELETE operand that
 * does not fit, a number out of range — whichever the walk reaches first ({@code UpdateImpl}).
 * The same order picks "path two" in overlap and conflict messages.
 *
 * <p>{@link triad.expression.core.Legacy} turns the parameters that predate expressions
 * (Expected, QueryFilter, ScanFilter, KeyConditions, AttributeUpdates, AttributesToGet) into the
 * same conditions, key conditions, updates and projections.
 *
 * <p>Pure code: no I/O, no clock, no threads; the cache is safe for concurrent use.
 */
package triad.expression.core;
