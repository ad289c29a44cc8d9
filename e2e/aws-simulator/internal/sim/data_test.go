package sim

import "testing"

func TestATableAndABucketGetAWSShapedNamesAndArns(t *testing.T) {
	a := newAccount(t, "eu-west-1")
	table := mustCreate(t, a, tTable, "orders", map[string]any{"name": "orders", "hashKey": "id", "billingMode": "PAY_PER_REQUEST",
		"attributes": []any{map[string]any{"name": "id", "type": "S"}}})
	if table.ID != "orders" || table.ARN != "arn:aws:dynamodb:eu-west-1:"+DefaultAccountID+":table/orders" {
		t.Fatalf("table %+v", table)
	}
	bucket := mustCreate(t, a, tBucket, "uploads", map[string]any{"bucket": "shop-uploads"})
	if bucket.ARN != "arn:aws:s3:::shop-uploads" || bucket.Outputs["bucketRegionalDomainName"] != "shop-uploads.s3.eu-west-1.amazonaws.com" {
		t.Fatalf("bucket %+v", bucket)
	}
	failCreate(t, a, tBucket, "again", map[string]any{"bucket": "shop-uploads"}, "BucketAlreadyOwnedByYou")
	failCreate(t, a, tTable, "again", map[string]any{"name": "orders", "hashKey": "id", "billingMode": "PAY_PER_REQUEST",
		"attributes": []any{map[string]any{"name": "id", "type": "S"}}}, "ResourceInUseException: Table already exists: orders")
}

func TestATableKeyedOnAnUndefinedAttributeOrWithoutCapacityIsRefused(t *testing.T) {
	a := newAccount(t, "eu-west-1")
	failCreate(t, a, tTable, "t", map[string]any{"name": "t1x", "hashKey": "id", "billingMode": "PAY_PER_REQUEST"},
		"Some index key attributes are not defined in AttributeDefinitions. Keys: [id]")
	failCreate(t, a, tTable, "t", map[string]any{"name": "t2x", "hashKey": "id", "attributes": []any{map[string]any{"name": "id", "type": "S"}}},
		"ReadCapacityUnits and WriteCapacityUnits must both be specified")
}
