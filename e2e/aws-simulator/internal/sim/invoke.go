package sim

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Function answers one Invoke token. Results hold every field the SDKs' result types require.
type Function func(a *Account, args map[string]any) (map[string]any, error)

var functions = map[string]Function{
	"aws:index/getAvailabilityZones:getAvailabilityZones":          availabilityZones,
	"aws:index/getCallerIdentity:getCallerIdentity":                callerIdentity,
	"aws:index/getPartition:getPartition":                          partition,
	"aws:index/getRegion:getRegion":                                region,
	"aws:cloudfront/getCachePolicy:getCachePolicy":                 cachePolicy,
	"aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy": originRequestPolicy,
	"aws:ec2/getManagedPrefixList:getManagedPrefixList":            prefixList,
	"aws:ecr/getAuthorizationToken:getAuthorizationToken":          authorizationToken,
	"aws:ecs/getService:getService":                                ecsService,
	"aws:route53/getZone:getZone":                                  hostedZoneLookup,
}

// FunctionOf returns the function of a token, or a clear error naming it.
func FunctionOf(token string) (Function, error) {
	f, ok := functions[token]
	if !ok {
		return nil, fmt.Errorf("the AWS simulator does not know function %q; it simulates only the functions the "+
			"Serverless Containers component calls (see e2e/aws-simulator/README.md)", token)
	}
	return f, nil
}

// zone is an availability zone or a Local Zone of a region.
type zone struct{ name, id, zoneType, optIn, group string }

// zonesOf: three standard zones and one opted-in Local Zone, so that a program's filtering shows.
func zonesOf(region string) []zone {
	short := zoneID(region, "a")
	short = short[:strings.Index(short, "-az")]
	return []zone{
		{region + "a", short + "-az1", "availability-zone", "opt-in-not-required", region},
		{region + "b", short + "-az2", "availability-zone", "opt-in-not-required", region},
		{region + "c", short + "-az3", "availability-zone", "opt-in-not-required", region},
		{region + "-lax-1a", short + "-lax1-az1", "local-zone", "opted-in", region + "-lax-1"},
	}
}

func availabilityZones(a *Account, args map[string]any) (map[string]any, error) {
	names, ids, groups := []any{}, []any{}, []any{}
	excluded := map[string]bool{}
	for _, n := range append(Values(args, "excludeNames"), Values(args, "excludeZoneIds")...) {
		excluded[n] = true
	}
	for _, z := range zonesOf(a.Region) {
		if excluded[z.name] || excluded[z.id] || !zoneMatches(z, List(args, "filters")) {
			continue
		}
		names, ids, groups = append(names, z.name), append(ids, z.id), append(groups, z.group)
	}
	return map[string]any{
		"allAvailabilityZones": Bool(args, "allAvailabilityZones"), "excludeNames": orEmpty(args["excludeNames"]),
		"excludeZoneIds": orEmpty(args["excludeZoneIds"]), "filters": orEmpty(args["filters"]), "groupNames": groups,
		"id": a.Region, "names": names, "state": Str(args, "state"), "zoneIds": ids,
	}, nil
}

func zoneMatches(z zone, filters []any) bool {
	fields := map[string]string{"zone-type": z.zoneType, "opt-in-status": z.optIn, "zone-name": z.name, "zone-id": z.id, "group-name": z.group, "state": "available"}
	for _, f := range filters {
		m, _ := f.(map[string]any)
		value, known := fields[Str(m, "name")]
		if !known {
			continue
		}
		if !contains(Values(m, "values"), value) {
			return false
		}
	}
	return true
}

func orEmpty(v any) any {
	if v == nil {
		return []any{}
	}
	return v
}

func callerIdentity(a *Account, _ map[string]any) (map[string]any, error) {
	return map[string]any{"accountId": a.Env.AccountID, "arn": fmt.Sprintf("arn:aws:iam::%s:user/simulator", a.Env.AccountID),
		"id": a.Env.AccountID, "userId": "AIDASIMULATOR0000000"}, nil
}

func partition(a *Account, _ map[string]any) (map[string]any, error) {
	return map[string]any{"dnsSuffix": "amazonaws.com", "id": "aws", "partition": "aws", "reverseDnsPrefix": "com.amazonaws"}, nil
}

func region(a *Account, _ map[string]any) (map[string]any, error) {
	return map[string]any{"description": "simulated " + a.Region, "endpoint": "ec2." + a.Region + ".amazonaws.com", "id": a.Region, "name": a.Region}, nil
}

// The AWS-managed CloudFront policies, by name, with their fixed ids.
var managedCachePolicies = map[string]string{
	"Managed-CachingDisabled":                        "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
	"Managed-CachingOptimized":                       "658327ea-f89d-4fab-a63d-7e88639e58f6",
	"Managed-CachingOptimizedForUncompressedObjects": "b2884449-e4de-46a7-ac36-70bc7f1ddd6d",
	"Managed-Elemental-MediaPackage":                 "08627262-05a9-4f76-9ded-b50ca2e3a84f",
	"Managed-Amplify":                                "2e54312d-136d-493c-8eb9-b001f22f67d2",
}

var managedOriginRequestPolicies = map[string]string{
	"Managed-AllViewer":                                   "216adef6-5c7f-47e4-b989-5492eafa07d3",
	"Managed-AllViewerExceptHostHeader":                   "b689b0a8-53d0-40ab-baf2-68738e2966ac",
	"Managed-AllViewerAndCloudFrontHeaders-2022-06":       "33f36d7e-f396-46d9-90e0-52428a34d9dc",
	"Managed-CORS-CustomOrigin":                           "59781a5b-3903-41f3-afcb-af62929ccde1",
	"Managed-CORS-S3Origin":                               "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf",
	"Managed-UserAgentRefererHeaders":                     "acba4595-bd28-49b8-b9fe-13317c0390fa",
	"Managed-Elemental-MediaTailor-PersonalizedManifests": "775133bc-15f2-49f9-abea-afb2e0bf67d2",
}

func policyID(kind string, table map[string]string, args map[string]any) (string, string, error) {
	name, id := Str(args, "name"), Str(args, "id")
	if id == "" {
		id = table[name]
	}
	for n, i := range table {
		if i == id {
			return i, n, nil
		}
	}
	return "", "", fmt.Errorf("no matching CloudFront %s found (name %q, id %q): the simulator knows only the AWS-managed ones", kind, name, id)
}

func cachePolicy(a *Account, args map[string]any) (map[string]any, error) {
	id, name, err := policyID("Cache Policy", managedCachePolicies, args)
	if err != nil {
		return nil, err
	}
	return map[string]any{"arn": "arn:aws:cloudfront::aws:cache-policy/" + id, "comment": "AWS managed policy", "defaultTtl": float64(0),
		"etag": "E23ZP02F085DFQ", "id": id, "maxTtl": float64(0), "minTtl": float64(0), "name": name,
		"parametersInCacheKeyAndForwardedToOrigins": []any{}}, nil
}

func originRequestPolicy(a *Account, args map[string]any) (map[string]any, error) {
	id, name, err := policyID("Origin Request Policy", managedOriginRequestPolicies, args)
	if err != nil {
		return nil, err
	}
	return map[string]any{"arn": "arn:aws:cloudfront::aws:origin-request-policy/" + id, "comment": "AWS managed policy",
		"cookiesConfigs": []any{}, "etag": "E23ZP02F085DFQ", "headersConfigs": []any{}, "id": id, "name": name, "queryStringsConfigs": []any{}}, nil
}

const cloudFrontPrefixListName = "com.amazonaws.global.cloudfront.origin-facing"

func prefixList(a *Account, args map[string]any) (map[string]any, error) {
	name, id := Str(args, "name"), Str(args, "id")
	for _, f := range List(args, "filters") {
		m, _ := f.(map[string]any)
		if Str(m, "name") == "prefix-list-name" {
			if v := Values(m, "values"); len(v) > 0 {
				name = v[0]
			}
		}
	}
	if name != cloudFrontPrefixListName && id != managedPrefixList {
		return nil, fmt.Errorf("no matching EC2 Managed Prefix List found (name %q, id %q): the simulator knows only %s", name, id, cloudFrontPrefixListName)
	}
	return map[string]any{"addressFamily": "IPv4", "arn": "arn:aws:ec2:" + a.Region + ":aws:prefix-list/" + managedPrefixList,
		"entries": []any{}, "filters": orEmpty(args["filters"]), "id": managedPrefixList, "maxEntries": float64(55),
		"name": cloudFrontPrefixListName, "ownerId": "AWS", "tags": map[string]any{}, "version": float64(1)}, nil
}

func authorizationToken(a *Account, args map[string]any) (map[string]any, error) {
	registry := Str(args, "registryId")
	if registry == "" {
		registry = a.Env.AccountID
	}
	password := "simulated-" + hex.EncodeToString(sha256.New().Sum([]byte(a.Env.AccountID)))[:24]
	return map[string]any{
		"authorizationToken": base64.StdEncoding.EncodeToString([]byte("AWS:" + password)),
		"expiresAt":          time.Now().UTC().Add(12 * time.Hour).Format(time.RFC3339),
		"id":                 a.Region, "password": password, "userName": "AWS", "registryId": registry,
		"proxyEndpoint": fmt.Sprintf("https://%s.dkr.ecr.%s.amazonaws.com", registry, a.Region),
	}, nil
}

// hostedZone is a public Route 53 zone of the account.
type hostedZone struct{ Name, ID string }

func zoneFor(name string) hostedZone {
	sum := sha256.Sum256([]byte(name))
	return hostedZone{name, "Z" + strings.ToUpper(hex.EncodeToString(sum[:]))[:20]}
}

func zoneByID(env Env, id string) *hostedZone {
	for _, n := range env.HostedZones {
		if z := zoneFor(n); z.ID == id {
			return &z
		}
	}
	return nil
}

func hostedZoneLookup(a *Account, args map[string]any) (map[string]any, error) {
	name := strings.TrimSuffix(Str(args, "name"), ".")
	for _, n := range a.Env.HostedZones {
		z := zoneFor(n)
		if (name != "" && n == name) || (Str(args, "zoneId") != "" && z.ID == Str(args, "zoneId")) {
			if Bool(args, "privateZone") {
				break
			}
			return map[string]any{"arn": "arn:aws:route53:::hostedzone/" + z.ID, "callerReference": z.ID, "comment": "",
				"id": z.ID, "linkedServiceDescription": "", "linkedServicePrincipal": "", "name": z.Name,
				"nameServers": []any{"ns-1.awsdns-01.org", "ns-2.awsdns-02.net"}, "primaryNameServer": "ns-1.awsdns-01.org",
				"privateZone": false, "resourceRecordSetCount": float64(2), "tags": map[string]any{}, "vpcId": "", "zoneId": z.ID}, nil
		}
	}
	return nil, fmt.Errorf("no matching Route 53 Hosted Zone found (name %q); the simulated account has %v (set %s)", name, a.Env.HostedZones, EnvHostedZones)
}
