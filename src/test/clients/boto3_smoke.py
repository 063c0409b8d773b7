"""boto3 against a TriadDB node, as a Python application uses it: client and resource APIs,
waiters, conditional writes, error classes, batch writer, paging. Exits non-zero on any mismatch.
Usage: python3 boto3_smoke.py http://127.0.0.1:PORT"""
import sys
import boto3
from boto3.dynamodb.conditions import Key

endpoint = sys.argv[1]
# The single-node default's documented local pair (conf/local.credentials): boto3 signs every request.
kw = dict(endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='triadlocal', aws_secret_access_key='triadlocalsecret')
c = boto3.client('dynamodb', **kw)
for key_id, secret, expected in [('triadlocal', 'not-the-local-secret', 'InvalidSignatureException'),
                                 ('nobody', 'triadlocalsecret', 'UnrecognizedClientException')]:
    bad = boto3.client('dynamodb', **dict(kw, aws_access_key_id=key_id, aws_secret_access_key=secret))
    try:
        bad.list_tables()
        raise AssertionError('a request signed with %s/%s was accepted' % (key_id, secret))
    except bad.exceptions.ClientError as e:
        assert e.response['Error']['Code'] == expected, e.response
        assert e.response['ResponseMetadata']['HTTPStatusCode'] == 400, e.response
T = 'boto3_smoke'
c.create_table(TableName=T,
               KeySchema=[{'AttributeName': 'pk', 'KeyType': 'HASH'}, {'AttributeName': 'sk', 'KeyType': 'RANGE'}],
               AttributeDefinitions=[{'AttributeName': 'pk', 'AttributeType': 'S'}, {'AttributeName': 'sk', 'AttributeType': 'N'}],
               BillingMode='PAY_PER_REQUEST')
c.get_waiter('table_exists').wait(TableName=T, WaiterConfig={'Delay': 1})
assert c.describe_table(TableName=T)['Table']['TableStatus'] == 'ACTIVE'

c.put_item(TableName=T, Item={'pk': {'S': 'a'}, 'sk': {'N': '1'}, 'tags': {'SS': ['x', 'y']}, 'n': {'N': '0.1'}})
item = c.get_item(TableName=T, Key={'pk': {'S': 'a'}, 'sk': {'N': '1'}}, ConsistentRead=True)['Item']
assert set(item['tags']['SS']) == {'x', 'y'}, item
assert item['n'] == {'N': '0.1'}, item

try:
    c.put_item(TableName=T, Item={'pk': {'S': 'a'}, 'sk': {'N': '1'}}, ConditionExpression='attribute_not_exists(pk)')
    raise AssertionError('conditional put succeeded')
except c.exceptions.ConditionalCheckFailedException:
    pass
try:
    c.get_item(TableName='no_such_table', Key={'pk': {'S': 'a'}})
    raise AssertionError('read of a missing table succeeded')
except c.exceptions.ResourceNotFoundException:
    pass
try:
    c.put_item(TableName=T, Item={'pk': {'N': '1'}, 'sk': {'N': '1'}})
    raise AssertionError('wrong key type accepted')
except c.exceptions.ClientError as e:
    assert e.response['Error']['Code'] == 'ValidationException', e.response

table = boto3.resource('dynamodb', **kw).Table(T)
with table.batch_writer() as batch:
    for i in range(2, 120):
        batch.put_item(Item={'pk': 'b', 'sk': i, 'v': 'x' * 50})
items = []
kwargs = {'KeyConditionExpression': Key('pk').eq('b') & Key('sk').between(10, 99), 'Limit': 7}
while True:
    page = table.query(**kwargs)
    items += page['Items']
    if 'LastEvaluatedKey' not in page:
        break
    kwargs['ExclusiveStartKey'] = page['LastEvaluatedKey']
assert [int(i['sk']) for i in items] == list(range(10, 100)), items
count = sum(p['Count'] for p in c.get_paginator('scan').paginate(TableName=T, Select='COUNT'))
assert count == 119, count
table.update_item(Key={'pk': 'a', 'sk': 1}, UpdateExpression='SET n = n + :d', ExpressionAttributeValues={':d': 2})
assert str(table.get_item(Key={'pk': 'a', 'sk': 1}, ConsistentRead=True)['Item']['n']) == '2.1'

c.delete_table(TableName=T)
c.get_waiter('table_not_exists').wait(TableName=T, WaiterConfig={'Delay': 1})
print('boto3 smoke test passed')
