package sim

import (
	"fmt"
	"regexp"
)

// Kinds a program creates beside the component, so that the engine tests can pass their outputs in
// (a table's name, a bucket's ARN): what composition needs, not a model of DynamoDB or S3.
const (
	tTable  = "aws:dynamodb/table:Table"
	tBucket = "aws:s3/bucket:Bucket"
)

var (
	tableName  = regexp.MustCompile(`^[a-zA-Z0-9_.-]+$`)
	tableRule  = "letters, digits and _.- only (3 to 255 characters)"
	bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*[a-z0-9]$`)
	bucketRule = "lower-case letters, digits, dots and hyphens, beginning and ending with a letter or digit (3 to 63 characters)"
)

func init() {
	register(&Kind{
		Token:   tTable,
		Replace: []string{"name", "hashKey", "rangeKey"},
		Name: &Naming{Prop: "name", Auto: true, Max: 255, Chars: tableName, Rule: tableRule,
			Taken: "ResourceInUseException: Table already exists: {name}"},
		Plan: func(in map[string]any) []Failure {
			if n := Str(in, "name"); n != "" && len(n) < 3 {
				return []Failure{{"name", "name must be at least 3 characters (got " + n + ")"}}
			}
			return nil
		},
		Validate: func(c *Ctx) error {
			for _, key := range []string{"hashKey", "rangeKey"} {
				attribute := c.Str(key)
				if attribute != "" && !declared(c.In, attribute) {
					return fmt.Errorf("ValidationException: One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [%s]", attribute)
				}
			}
			if Str(c.In, "billingMode") != "PAY_PER_REQUEST" {
				if _, ok := Num(c.In, "readCapacity"); !ok {
					return fmt.Errorf("ValidationException: One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
				}
			}
			return nil
		},
		Computed: []string{"arn", "tagsAll", "streamArn", "streamLabel"},
		Create: func(c *Ctx) (Created, error) {
			arn := c.ARN("dynamodb", "table/"+c.Str("name"))
			return Created{ID: c.Str("name"), ARN: arn, Outputs: map[string]any{"arn": arn, "tagsAll": c.In["tags"], "streamArn": "", "streamLabel": ""}}, nil
		},
	})
	register(&Kind{
		Token: tBucket,
		// bucket names are global; here unique in the account, across its regions
		Global:  true,
		Replace: []string{"bucket", "bucketPrefix"},
		Name: &Naming{Prop: "bucket", Auto: true, Max: 63, Chars: bucketName, Rule: bucketRule,
			Taken: "BucketAlreadyOwnedByYou: Your previous request to create the named bucket succeeded and you already own it."},
		Plan: func(in map[string]any) []Failure {
			if n := Str(in, "bucket"); n != "" && len(n) < 3 {
				return []Failure{{"bucket", "bucket must be at least 3 characters (got " + n + ")"}}
			}
			return nil
		},
		Computed: []string{"arn", "tagsAll", "bucketDomainName", "bucketRegionalDomainName", "hostedZoneId", "region"},
		Create: func(c *Ctx) (Created, error) {
			name := c.Str("bucket")
			arn := "arn:aws:s3:::" + name
			return Created{ID: name, ARN: arn, Outputs: map[string]any{
				"arn": arn, "tagsAll": c.In["tags"], "bucketDomainName": name + ".s3.amazonaws.com",
				"bucketRegionalDomainName": name + ".s3." + c.Region + ".amazonaws.com", "hostedZoneId": s3HostedZone(c.Region), "region": c.Region,
			}}, nil
		},
	})
}

// declared: the table's attributes define the key attribute.
func declared(in map[string]any, attribute string) bool {
	for _, a := range List(in, "attributes") {
		if m, ok := a.(map[string]any); ok && Str(m, "name") == attribute {
			return true
		}
	}
	return false
}

// s3HostedZone is the Route 53 zone of the region's S3 website endpoints (AWS's table; others fall back to us-east-1's).
func s3HostedZone(region string) string {
	zones := map[string]string{"us-east-1": "Z3AQBSTGFYJSTF", "eu-west-1": "Z1BKCTXD74EZPE", "eu-central-1": "Z21DNDUVLTQW6Q"}
	if z, ok := zones[region]; ok {
		return z
	}
	return zones["us-east-1"]
}
