package sim

import (
	"fmt"
	"strings"
	"time"
)

const (
	tDistribution = "aws:cloudfront/distribution:Distribution"
	tCfFunction   = "aws:cloudfront/function:Function"
	tOAC          = "aws:cloudfront/originAccessControl:OriginAccessControl"
	tVpcOrigin    = "aws:cloudfront/vpcOrigin:VpcOrigin"
	tCertificate  = "aws:acm/certificate:Certificate"
	tCertValid    = "aws:acm/certificateValidation:CertificateValidation"
	tRecord       = "aws:route53/record:Record"
)

// cloudFrontZone is the hosted zone id of every CloudFront distribution (alias records).
const cloudFrontZone = "Z2FDTNDATAQYW2"

func init() {
	register(&Kind{
		Token:  tDistribution,
		Global: true,
		Uses: []Use{
			{Path: "origins[].vpcOriginConfig.vpcOriginId", Types: []string{tVpcOrigin}, Missing: "EntityNotFound: The VPC origin {value} does not exist.",
				Refuse: "CannotDeleteEntityWhileInUse: Cannot delete VPC origin {id}: it is used by distribution {holder}"},
			{Path: "origins[].originAccessControlId", Types: []string{tOAC}, Missing: "NoSuchOriginAccessControl: The specified origin access control does not exist: {value}",
				Refuse: "OriginAccessControlInUse: Cannot delete the origin access control because it's in use by one or more distributions."},
			{Path: "defaultCacheBehavior.functionAssociations[].functionArn", Types: []string{tCfFunction},
				Missing: "NoSuchFunctionExists: The specified function does not exist: {value}",
				Refuse:  "FunctionInUse: Cannot delete function, it's associated with one or more cache behaviors."},
			{Path: "orderedCacheBehaviors[].functionAssociations[].functionArn", Types: []string{tCfFunction},
				Missing: "NoSuchFunctionExists: The specified function does not exist: {value}",
				Refuse:  "FunctionInUse: Cannot delete function, it's associated with one or more cache behaviors."},
			{Path: "viewerCertificate.acmCertificateArn", Types: []string{tCertificate},
				Missing: "InvalidViewerCertificate: The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain.",
				Refuse:  "ResourceInUseException: Certificate {arn} in account {account} is in use."},
		},
		Validate: func(c *Ctx) error {
			if arn := Str(Obj(c.In, "viewerCertificate"), "acmCertificateArn"); arn != "" {
				if cert := c.Resolve(arn, []string{tCertificate}); cert != nil && (cert.Region != "us-east-1" || cert.Attrs["status"] != "ISSUED") {
					return fmt.Errorf("InvalidViewerCertificate: The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain.")
				}
			}
			for _, fn := range Values(c.In, "defaultCacheBehavior.functionAssociations[].functionArn") {
				if f := c.Resolve(fn, []string{tCfFunction}); f != nil && f.Attrs["published"] != "true" {
					return fmt.Errorf("InvalidFunctionAssociation: The function ARN must reference a function in the LIVE stage: %s", fn)
				}
			}
			return nil
		},
		Computed: []string{"arn", "domainName", "hostedZoneId", "etag", "status", "callerReference", "lastModifiedTime", "inProgressValidationBatches", "trustedKeyGroups", "trustedSigners", "tagsAll"},
		Volatile: []string{"etag", "lastModifiedTime"},
		Slow:     func(e Env) time.Duration { return e.DistributionWait },
		Create: func(c *Ctx) (Created, error) {
			id := "E" + c.Alnum(13)
			arn := c.GlobalARN("cloudfront", "distribution/"+id)
			return Created{ID: id, ARN: arn, Outputs: map[string]any{
				"arn": arn, "domainName": "d" + strings.ToLower(c.Alnum(13)) + ".cloudfront.net", "hostedZoneId": cloudFrontZone,
				"etag": "E" + c.Alnum(13), "status": "Deployed", "callerReference": "terraform-" + c.Hex(20), "lastModifiedTime": now(),
				"inProgressValidationBatches": float64(0), "trustedKeyGroups": []any{}, "trustedSigners": []any{}, "tagsAll": c.In["tags"],
			}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			return map[string]any{"etag": "E" + c.Alnum(13), "lastModifiedTime": now()}, nil
		},
		Detail: func(in map[string]any) map[string]any {
			var origins []any
			for _, o := range List(in, "origins") {
				m, _ := o.(map[string]any)
				origins = append(origins, map[string]any{"originId": m["originId"], "domainName": m["domainName"],
					"vpcOriginId": Str(Obj(m, "vpcOriginConfig"), "vpcOriginId"), "originAccessControlId": m["originAccessControlId"]})
			}
			return map[string]any{"origins": origins, "functions": Values(in, "defaultCacheBehavior.functionAssociations[].functionArn"),
				"aliases": in["aliases"]}
		},
	})
	register(&Kind{
		Token:   tCfFunction,
		Global:  true,
		Replace: []string{"name"},
		Name:    &Naming{Prop: "name", Auto: true, Max: 64, Chars: cfFunctionName, Rule: cfFunctionRule, Taken: "FunctionAlreadyExists: A function with the same name already exists."},
		Uses: []Use{{Path: "keyValueStoreAssociations", Types: []string{tKeyValueStore},
			Missing: "EntityNotFound: The key value store entity was not found: {value}",
			Refuse:  "CannotDeleteEntityWhileInUse: The key value store {name} cannot be deleted while it is in use (associated with function {holder})."}},
		Validate: func(c *Ctx) error {
			if size := len(c.Str("code")); size > 10240 {
				return fmt.Errorf("FunctionSizeLimitExceeded: The function code is %d bytes; the maximum is 10240 bytes.", size)
			}
			if stores := Values(c.In, "keyValueStoreAssociations"); len(stores) > 1 {
				return fmt.Errorf("InvalidArgument: A function can have only one key value store association (got %d).", len(stores))
			}
			return nil
		},
		Computed: []string{"arn", "etag", "liveStageEtag", "status", "publish"},
		Volatile: []string{"etag", "liveStageEtag"},
		Create: func(c *Ctx) (Created, error) {
			arn := c.GlobalARN("cloudfront", "function/"+c.Str("name"))
			out := cfFunctionOutputs(c)
			out["arn"] = arn
			return Created{ID: c.Str("name"), ARN: arn, Attrs: map[string]string{"published": fmt.Sprint(out["publish"])}, Outputs: out}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) {
			out := cfFunctionOutputs(c)
			c.Old.Attrs["published"] = fmt.Sprint(out["publish"])
			return out, nil
		},
		Detail: func(in map[string]any) map[string]any {
			return map[string]any{"code": in["code"], "runtime": in["runtime"], "keyValueStoreAssociations": in["keyValueStoreAssociations"]}
		},
	})
	register(&Kind{
		Token:    tOAC,
		Global:   true,
		Name:     &Naming{Prop: "name", Max: 64, Taken: "OriginAccessControlAlreadyExists: An origin access control with the same name already exists."},
		Computed: []string{"etag", "arn"},
		Volatile: []string{"etag"},
		Create: func(c *Ctx) (Created, error) {
			id := "E" + c.Alnum(13)
			arn := c.GlobalARN("cloudfront", "origin-access-control/"+id)
			return Created{ID: id, ARN: arn, Outputs: map[string]any{"etag": "E" + c.Alnum(13), "arn": arn}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) { return map[string]any{"etag": "E" + c.Alnum(13)}, nil },
	})
	register(&Kind{
		Token:  tVpcOrigin,
		Global: true,
		Uses: []Use{{Path: "vpcOriginEndpointConfig.arn", Types: []string{tLB}, Missing: lbMissing,
			Refuse: "ResourceInUse: Load balancer '{arn}' cannot be deleted because it is currently associated with a CloudFront VPC origin"}},
		Computed: []string{"arn", "etag"},
		Volatile: []string{"etag"},
		Slow:     func(e Env) time.Duration { return e.DistributionWait },
		Create: func(c *Ctx) (Created, error) {
			id := "vo_" + c.Alnum(22)
			arn := c.GlobalARN("cloudfront", "vpcorigin/"+id)
			return Created{ID: id, ARN: arn, Outputs: map[string]any{"arn": arn, "etag": "E" + c.Alnum(13)}}, nil
		},
		Update: func(c *Ctx) (map[string]any, error) { return map[string]any{"etag": "E" + c.Alnum(13)}, nil },
	})
	register(&Kind{
		Token:   tCertificate,
		Replace: []string{"domainName", "subjectAlternativeNames", "validationMethod", "keyAlgorithm", "certificateAuthorityArn", "privateKey", "certificateBody"},
		Validate: func(c *Ctx) error {
			domain := c.Str("domainName")
			if len(domain) > MaxCommonNameLength {
				return fmt.Errorf("ValidationException: 1 validation error detected: Value '%s' at 'domainName' failed to satisfy constraint: Member must have length less than or equal to %d", domain, MaxCommonNameLength)
			}
			if names := certificateNames(c.In); len(names) > MaxCertificateNames {
				return fmt.Errorf("LimitExceededException: Cannot request a certificate for %d domain names: a certificate holds at most %d (the domain name and its subject alternative names)", len(names), MaxCertificateNames)
			}
			return nil
		},
		Computed: []string{"arn", "domainValidationOptions", "status", "validationEmails", "keyAlgorithm", "notAfter", "notBefore", "type", "renewalEligibility", "pendingRenewal", "renewalSummaries", "tagsAll", "subjectAlternativeNames"},
		Create: func(c *Ctx) (Created, error) {
			arn := c.ARN("acm", "certificate/"+uuid(c))
			var options []any
			for _, name := range certificateNames(c.In) {
				label := "_" + c.Hex(32) + "." + strings.TrimPrefix(name, "*.") + "."
				options = append(options, map[string]any{"domainName": name, "resourceRecordName": label, "resourceRecordType": "CNAME",
					"resourceRecordValue": "_" + c.Hex(32) + "." + c.Hex(10) + ".acm-validations.aws."})
			}
			out := map[string]any{
				"arn": arn, "domainValidationOptions": options, "status": "PENDING_VALIDATION", "validationEmails": []any{},
				"keyAlgorithm": "RSA_2048", "notAfter": "", "notBefore": "", "type": "AMAZON_ISSUED", "renewalEligibility": "INELIGIBLE",
				"pendingRenewal": false, "renewalSummaries": []any{}, "tagsAll": c.In["tags"],
			}
			if _, given := c.In["subjectAlternativeNames"]; !given {
				out["subjectAlternativeNames"] = []any{c.Str("domainName")}
			}
			return Created{ID: arn, ARN: arn, Attrs: map[string]string{"status": "PENDING_VALIDATION"}, Outputs: out}, nil
		},
		Detail: func(in map[string]any) map[string]any {
			return map[string]any{"domainName": in["domainName"], "subjectAlternativeNames": in["subjectAlternativeNames"]}
		},
	})
	register(&Kind{
		Token:   tCertValid,
		Replace: []string{"certificateArn", "validationRecordFqdns"},
		Uses:    []Use{{Path: "certificateArn", Types: []string{tCertificate}, Missing: "ResourceNotFoundException: Could not find certificate {value}."}},
		Validate: func(c *Ctx) error {
			cert := c.Resolve(c.Str("certificateArn"), []string{tCertificate})
			if cert == nil {
				return nil
			}
			for _, fqdn := range Values(c.In, "validationRecordFqdns") {
				if !recordExists(c, fqdn) {
					return fmt.Errorf("waiting for ACM Certificate (%s) to be issued: validation record %s does not exist in any hosted zone of the account", cert.ARN, fqdn)
				}
			}
			cert.Attrs["status"] = "ISSUED"
			return nil
		},
		Create: func(c *Ctx) (Created, error) {
			return Created{ID: time.Now().UTC().Format("2006-01-02 15:04:05.999999999 -0700 MST"), Outputs: map[string]any{}}, nil
		},
	})
	register(&Kind{
		Token:   tRecord,
		Global:  true,
		Replace: []string{"name", "type", "zoneId", "setIdentifier"},
		Name: &Naming{Prop: "name", Max: 1024, Within: func(c *Ctx) string { return c.Str("zoneId") + "|" + c.Str("type") },
			Taken: "InvalidChangeBatch: [Tried to create resource record set [name='{fqdn}.', type='{type}'] but it already exists]"},
		Validate: func(c *Ctx) error {
			if zoneByID(c.Env, c.Str("zoneId")) == nil {
				return fmt.Errorf("NoSuchHostedZone: No hosted zone found with ID: %s", c.Str("zoneId"))
			}
			return nil
		},
		Computed: []string{"fqdn"},
		Create: func(c *Ctx) (Created, error) {
			name := strings.TrimSuffix(c.Str("name"), ".")
			zone := zoneByID(c.Env, c.Str("zoneId"))
			if !strings.HasSuffix(name, zone.Name) {
				name = name + "." + zone.Name
			}
			return Created{ID: fmt.Sprintf("%s_%s_%s", c.Str("zoneId"), name, c.Str("type")), Attrs: map[string]string{"fqdn": name},
				Outputs: map[string]any{"fqdn": name}}, nil
		},
	})
}

func cfFunctionOutputs(c *Ctx) map[string]any {
	publish := true
	if p, given := c.In["publish"].(bool); given {
		publish = p
	}
	etag := "E" + c.Alnum(13)
	live := ""
	status := "UNPUBLISHED"
	if publish {
		live, status = etag, "DEPLOYED"
	}
	return map[string]any{"etag": etag, "liveStageEtag": live, "status": status, "publish": publish}
}

func certificateNames(in map[string]any) []string {
	names := []string{Str(in, "domainName")}
	seen := map[string]bool{names[0]: true}
	for _, n := range Values(in, "subjectAlternativeNames") {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return names
}

func recordExists(c *Ctx, fqdn string) bool {
	fqdn = strings.TrimSuffix(fqdn, ".")
	for _, r := range c.St.Records {
		if r.Type == tRecord && strings.TrimSuffix(r.Attrs["fqdn"], ".") == fqdn {
			return true
		}
	}
	return false
}

func uuid(c *Ctx) string {
	h := c.Hex(32)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
