package sim

import (
	"fmt"
	"strings"
	"testing"
)

// issue 19 item 2
func TestCertificateCommonNameOverSixtyFourCharactersIsRefused(t *testing.T) {
	a := newAccount(t, "us-east-1")
	long := strings.Repeat("a", 54) + ".example.com"
	failCreate(t, a, tCertificate, "cert", map[string]any{"domainName": long, "validationMethod": "DNS"},
		"Member must have length less than or equal to 64")
	mustCreate(t, a, tCertificate, "cert", map[string]any{"domainName": "shop.example.com", "subjectAlternativeNames": []any{long}, "validationMethod": "DNS"})
}

func TestCertificateWithMoreThanTenNamesIsRefused(t *testing.T) {
	a := newAccount(t, "us-east-1")
	var sans []any
	for i := 0; i < 10; i++ {
		sans = append(sans, fmt.Sprintf("s%d.example.com", i))
	}
	failCreate(t, a, tCertificate, "cert", map[string]any{"domainName": "example.com", "subjectAlternativeNames": sans}, "LimitExceededException")
	mustCreate(t, a, tCertificate, "cert", map[string]any{"domainName": "s0.example.com", "subjectAlternativeNames": sans})
}

func TestCertificateIsIssuedOnceItsValidationRecordsExistAndOnlyThenServesADistribution(t *testing.T) {
	a := newAccount(t, "eu-west-1")
	east := a.inRegion("us-east-1")
	cert := mustCreate(t, east, tCertificate, "cert", map[string]any{"domainName": "shop.example.com", "subjectAlternativeNames": []any{"www.example.com"}})
	options := cert.Outputs["domainValidationOptions"].([]any)
	if len(options) != 2 {
		t.Fatalf("one validation option per name, got %v", options)
	}
	dist := map[string]any{"enabled": true, "aliases": []any{"shop.example.com"},
		"viewerCertificate": map[string]any{"acmCertificateArn": cert.ARN, "sslSupportMethod": "sni-only"},
		"origins":           []any{map[string]any{"originId": "api", "domainName": "x.lambda-url.eu-west-1.on.aws"}}}
	failCreate(t, a, tDistribution, "cdn", dist, "InvalidViewerCertificate")
	zone, err := hostedZoneLookup(a, map[string]any{"name": "example.com"})
	if err != nil {
		t.Fatal(err)
	}
	var fqdns []any
	for i, o := range options {
		m := o.(map[string]any)
		if m["resourceRecordType"] != "CNAME" || !strings.HasSuffix(m["resourceRecordValue"].(string), ".acm-validations.aws.") {
			t.Errorf("validation option %v", m)
		}
		rec := mustCreate(t, a, tRecord, fmt.Sprintf("validation-%d", i), map[string]any{"zoneId": zone["zoneId"], "name": m["resourceRecordName"],
			"type": "CNAME", "records": []any{m["resourceRecordValue"]}, "ttl": float64(60)})
		fqdns = append(fqdns, rec.Outputs["fqdn"])
	}
	mustCreate(t, east, tCertValid, "validation", map[string]any{"certificateArn": cert.ARN, "validationRecordFqdns": fqdns})
	d := mustCreate(t, a, tDistribution, "cdn", dist)
	if !strings.HasSuffix(d.Outputs["domainName"].(string), ".cloudfront.net") || d.Outputs["hostedZoneId"] != cloudFrontZone {
		t.Errorf("distribution outputs %v", d.Outputs)
	}
	mustRefuse(t, east.Delete(Op{Type: tCertificate, URN: urn(tCertificate, "cert")}, cert.ID, nil), "ResourceInUseException")
}

func TestCertificateInAnotherRegionThanUsEast1CannotServeADistribution(t *testing.T) {
	a := newAccount(t, "eu-west-1")
	cert := mustCreate(t, a, tCertificate, "cert", map[string]any{"domainName": "shop.example.com"})
	failCreate(t, a, tDistribution, "cdn", map[string]any{"viewerCertificate": map[string]any{"acmCertificateArn": cert.ARN}}, "isn't in us-east-1 region")
}

func TestCloudFrontFunctionInUseByADistributionCannotBeDeletedAndItsNameIsGlobal(t *testing.T) {
	a := newAccount(t, "eu-west-1")
	fn := mustCreate(t, a, tCfFunction, "router", map[string]any{"name": "shop-dev-router", "runtime": "cloudfront-js-2.0", "code": "function handler(e){return e.request}"})
	if fn.ARN != "arn:aws:cloudfront::"+DefaultAccountID+":function/shop-dev-router" || fn.Outputs["status"] != "DEPLOYED" {
		t.Errorf("function %s %v", fn.ARN, fn.Outputs)
	}
	failCreate(t, a.inRegion("us-west-2"), tCfFunction, "router2", map[string]any{"name": "shop-dev-router", "code": "x"}, "FunctionAlreadyExists")
	mustCreate(t, a, tDistribution, "cdn", map[string]any{"defaultCacheBehavior": map[string]any{
		"functionAssociations": []any{map[string]any{"eventType": "viewer-request", "functionArn": fn.ARN}}}})
	mustRefuse(t, a.Delete(Op{Type: tCfFunction, URN: urn(tCfFunction, "router")}, fn.ID, nil), "FunctionInUse")
}

func TestVpcOriginHoldsItsLoadBalancer(t *testing.T) {
	a := newAccount(t, "us-east-1")
	x := loadBalancer(t, a)
	vo := mustCreate(t, a, tVpcOrigin, "vo", map[string]any{"vpcOriginEndpointConfig": map[string]any{"arn": x.lb, "name": "shop-dev", "httpPort": float64(80)}})
	if !strings.HasPrefix(vo.ID, "vo_") {
		t.Errorf("VPC origin id %s", vo.ID)
	}
	mustRefuse(t, a.Delete(Op{Type: tLB, URN: urn(tLB, "alb")}, x.lb, nil), "ResourceInUse: Load balancer")
}

func TestRecordNeedsAHostedZoneOfTheAccountAndIsUniquePerNameAndType(t *testing.T) {
	a := newAccount(t, "us-east-1")
	failCreate(t, a, tRecord, "r", map[string]any{"zoneId": "ZNOPE", "name": "shop.example.com", "type": "A"}, "NoSuchHostedZone")
	zone := zoneFor("example.com").ID
	mustCreate(t, a, tRecord, "a", map[string]any{"zoneId": zone, "name": "shop.example.com", "type": "A"})
	mustCreate(t, a, tRecord, "aaaa", map[string]any{"zoneId": zone, "name": "shop.example.com", "type": "AAAA"})
	failCreate(t, a, tRecord, "a2", map[string]any{"zoneId": zone, "name": "shop.example.com", "type": "A"},
		"InvalidChangeBatch: [Tried to create resource record set [name='shop.example.com.', type='A'] but it already exists]")
}
