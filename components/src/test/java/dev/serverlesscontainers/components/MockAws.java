package dev.serverlesscontainers.components;

import com.pulumi.test.Mocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Stands in for the Pulumi engine's providers (AWS, Docker) at the protocol boundary: records every
 * resource registration (type, name, inputs) and every invoke, and answers with what the real
 * providers would compute (ids, ARNs, DNS names), derived from the resource's name so that two runs
 * over the same project give the same answers, as a stack's stored state would.
 */
final class MockAws implements Mocks {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final String ORIGIN_SECRET = "stored-origin-secret-0123456789abcdef";
    static final String PREFIX_LIST = "pl-4fa04526";
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    static final String ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    /** One registered resource, as the engine saw it. */
    record Registered(String type, String name, Map<String, Object> inputs, String provider) {
        String string(String key) {
            Object v = inputs.get(key);
            return v == null ? null : v.toString();
        }
    }

    /** One invoke. */
    record Call(String token, Map<String, Object> args) {}

    /**
     * The region's zones as EC2 describes them: listed in name order, which is not zone-id order (names
     * are shuffled per account), with a zone that is not available, an opted-in Local Zone, and one
     * where Fargate does not run mixed in.
     */
    record Zone(String name, String id, String type, String optIn, String state, String group) {
        boolean matches(Map<String, Object> args) {
            if (args.get("state") != null && !args.get("state").equals(state)) {
                return false;
            }
            if (args.get("excludeZoneIds") instanceof List<?> excluded && excluded.contains(id)) {
                return false;
            }
            if (args.get("filters") instanceof List<?> filters) {
                for (Object f : filters) {
                    Map<?, ?> filter = (Map<?, ?>) f;
                    String value = switch (String.valueOf(filter.get("name"))) {
                        case "zone-type" -> type;
                        case "opt-in-status" -> optIn;
                        default -> throw new IllegalArgumentException("the test's AWS knows no zone filter " + filter.get("name"));
                    };
                    if (!((List<?>) filter.get("values")).contains(value)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    static final List<Zone> ZONES = List.of(
            new Zone(REGION + "-lhr-1a", "euw1-lhr1-az1", "local-zone", "opted-in", "available", REGION + "-lhr-1"),
            new Zone(REGION + "a", "euw1-az3", "availability-zone", "opt-in-not-required", "available", REGION),
            new Zone(REGION + "b", "euw1-az1", "availability-zone", "opt-in-not-required", "impaired", REGION),
            new Zone(REGION + "c", "euw1-az2", "availability-zone", "opt-in-not-required", "available", REGION),
            new Zone(REGION + "d", "euw1-az4", "availability-zone", "opt-in-not-required", "available", REGION));

    /** What ECS runs after a rollback: the task definition of the deploy before. */
    static final String PREVIOUS_TASK_DEFINITION = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task-definition/previous:1";

    /** Services whose deployments ECS rolled back, by name (read back with getService when the rollout watcher is off). */
    final java.util.Set<String> rolledBack = java.util.concurrent.ConcurrentHashMap.newKeySet();

    final List<Registered> resources = Collections.synchronizedList(new ArrayList<>());
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    /** Pulumi's key for values that are not plain JSON: secrets, assets, archives. */
    static final String SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

    /**
     * Inputs in the form the engine receives them: an asset or archive (the version pruner's code) as
     * the map of Pulumi's signature and its content, which compares by value, as a stack's state does.
     */
    @SuppressWarnings("unchecked")
    static <T> T asSent(T value) {
        if (value instanceof com.pulumi.asset.AssetOrArchive packed) {
            var internal = com.pulumi.asset.AssetOrArchive.AssetOrArchiveInternal.from(packed);
            Map<String, Object> sent = new LinkedHashMap<>();
            sent.put(SIGNATURE_KEY, internal.getSigKey());
            sent.put(internal.getPropName(), asSent(internal.getValue()));
            return (T) sent;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> sent = new LinkedHashMap<>();
            map.forEach((k, v) -> sent.put(k, asSent(v)));
            return (T) sent;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(MockAws::asSent).toList();
        }
        return value;
    }

    /** What a function answers to an invocation, by the invocation's name; a healthy 200 when not given. */
    final Map<String, String> invocationResults = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        resources.add(new Registered(args.type, args.name, asSent(args.inputs), args.provider == null ? "" : args.provider));
        Map<String, Object> state = new LinkedHashMap<>(args.inputs);
        String id = args.name + "-id";
        String arnName = args.name.replace('/', '-');
        state.putIfAbsent("arn", "arn:aws:" + service(args.type) + ":" + REGION + ":" + ACCOUNT + ":" + arnName);
        switch (args.type) {
            case "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/securityGroup:SecurityGroup" -> id = args.type.substring(8, 11) + "-" + Math.abs(args.name.hashCode());
            case "aws:lb/loadBalancer:LoadBalancer" -> {
                state.put("dnsName", args.inputs.get("name") + "-1234567890." + REGION + ".elb.amazonaws.com");
                state.put("arnSuffix", "app/" + args.inputs.get("name") + "/50dc6c495c0c9188");
                state.put("zoneId", "Z32O12XQLNTSW2");
            }
            case "aws:lb/targetGroup:TargetGroup" -> state.put("arnSuffix", "targetgroup/" + args.inputs.get("name") + "/73e2d6bc24d8a067");
            case "aws:ecs/cluster:Cluster" -> state.put("arn", "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":cluster/" + args.inputs.get("name"));
            // the provider's id of a service is its ARN; the service names its cluster by the cluster's ARN
            case "aws:ecs/service:Service" -> {
                String cluster = String.valueOf(args.inputs.get("cluster"));
                id = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":service/" + cluster.substring(cluster.lastIndexOf('/') + 1) + "/" + args.inputs.get("name");
            }
            case "aws:ecr/repository:Repository" -> state.put("repositoryUrl",
                    ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/" + args.inputs.get("name"));
            case "aws:iam/role:Role" -> state.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + args.inputs.get("name"));
            // AWS stamps every change of a function; here a change of its inputs stands for one
            case "aws:lambda/function:Function" -> {
                int inputs = asSent(args.inputs).hashCode(); // an archive's own hash code differs between runs
                state.put("lastModified", "2026-01-01T00:00:00.000+0000/" + Integer.toHexString(inputs));
                if (Boolean.TRUE.equals(args.inputs.get("publish"))) {
                    state.put("version", String.valueOf(1 + Math.floorMod(inputs, 1000)));
                }
            }
            case "aws:lambda/invocation:Invocation" -> state.put("result",
                    invocationResults.getOrDefault(args.name, "{\"statusCode\":200,\"body\":\"ok\"}"));
            case "aws:lambda/functionUrl:FunctionUrl" -> state.put("functionUrl",
                    "https://" + Integer.toHexString(args.name.hashCode()) + "abcdefghij.lambda-url." + REGION + ".on.aws/");
            case "aws:cloudfront/distribution:Distribution" -> {
                id = "E2QWRUHEXAMPLE";
                state.put("domainName", "d111111abcdef8.cloudfront.net");
                state.put("hostedZoneId", "Z2FDTNDATAQYW2");
                state.put("arn", "arn:aws:cloudfront::" + ACCOUNT + ":distribution/" + id);
            }
            case "aws:cloudfront/function:Function" -> state.put("arn", "arn:aws:cloudfront::" + ACCOUNT + ":function/" + args.inputs.get("name"));
            case "aws:cloudfront/keyValueStore:KeyValueStore" -> state.put("arn", "arn:aws:cloudfront::" + ACCOUNT + ":key-value-store/"
                    + java.util.UUID.nameUUIDFromBytes(args.name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            // the stored value the parameter was created with: later draws are ignored (ignoreChanges)
            case "aws:ssm/parameter:Parameter" -> state.put("value", ORIGIN_SECRET);
            case "aws:acm/certificate:Certificate" -> state.put("domainValidationOptions", validationOptions(args.inputs));
            case "aws:route53/record:Record" -> state.put("fqdn", args.inputs.get("name"));
            case "docker:index/image:Image" -> state.put("repoDigest", args.inputs.get("imageName") + "@sha256:0");
            default -> {
            }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        calls.add(new Call(args.token, args.args));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", "id");
        switch (args.token) {
            case "aws:ecr/getAuthorizationToken:getAuthorizationToken" -> {
                r.put("authorizationToken", "QVdTOnNlY3JldA==");
                r.put("expiresAt", "2030-01-01T00:00:00Z");
                r.put("password", "ecr-password-secret");
                r.put("proxyEndpoint", "https://" + ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com");
                r.put("userName", "AWS");
            }
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> {
                List<Zone> zones = ZONES.stream().filter(z -> z.matches(args.args)).toList();
                r.put("names", zones.stream().map(Zone::name).toList());
                r.put("zoneIds", zones.stream().map(Zone::id).toList());
                r.put("excludeNames", List.of());
                r.put("excludeZoneIds", List.of());
                r.put("filters", List.of());
                r.put("groupNames", zones.stream().map(Zone::group).distinct().toList());
            }
            case "aws:ecs/getService:getService" -> {
                String name = String.valueOf(args.args.get("serviceName"));
                Registered service = ofType("aws:ecs/service:Service").stream().filter(s -> name.equals(s.string("name"))).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no ECS service " + name));
                r.put("serviceName", name);
                r.put("arn", "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":service/" + name);
                r.put("clusterArn", args.args.get("clusterArn"));
                r.put("taskDefinition", rolledBack.stream().anyMatch(name::startsWith) ? PREVIOUS_TASK_DEFINITION : service.string("taskDefinition"));
                r.put("desiredCount", 1);
                r.put("launchType", "FARGATE");
                r.put("schedulingStrategy", "REPLICA");
                r.put("availabilityZoneRebalancing", "DISABLED");
                r.put("tags", Map.of());
            }
            case "aws:index/getCallerIdentity:getCallerIdentity" -> {
                r.put("accountId", ACCOUNT);
                r.put("arn", "arn:aws:iam::" + ACCOUNT + ":user/deployer");
                r.put("userId", "AIDAEXAMPLE");
            }
            case "aws:index/getPartition:getPartition" -> {
                r.put("partition", "aws");
                r.put("dnsSuffix", "amazonaws.com");
                r.put("reverseDnsPrefix", "com.amazonaws");
            }
            case "aws:ssm/getParameter:getParameter" -> {
                r.put("name", args.args.get("name"));
                r.put("arn", "arn:aws:ssm:" + REGION + ":" + ACCOUNT + ":parameter" + args.args.get("name"));
                r.put("type", "SecureString");
                r.put("value", "value of " + args.args.get("name"));
                r.put("insecureValue", "");
                r.put("version", 1);
                r.put("withDecryption", args.args.get("withDecryption"));
            }
            case "aws:index/getRegion:getRegion" -> {
                r.put("name", REGION);
                r.put("description", "Europe (Ireland)");
                r.put("endpoint", "ec2." + REGION + ".amazonaws.com");
            }
            case "aws:ec2/getManagedPrefixList:getManagedPrefixList" -> {
                r.put("id", PREFIX_LIST);
                r.put("addressFamily", "IPv4");
                r.put("arn", "arn:aws:ec2:" + REGION + ":aws:prefix-list/" + PREFIX_LIST);
                r.put("maxEntries", 55);
                r.put("name", args.args.get("name"));
                r.put("ownerId", "AWS");
                r.put("tags", Map.of());
                r.put("version", 1);
            }
            case "aws:cloudfront/getCachePolicy:getCachePolicy", "aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy" -> {
                boolean cache = args.token.contains("CachePolicy");
                r.put("id", cache ? CACHING_DISABLED : ALL_VIEWER_EXCEPT_HOST);
                r.put("name", args.args.get("name"));
                r.put("arn", "arn:aws:cloudfront::aws:policy/" + args.args.get("name"));
                r.put("comment", "managed");
                r.put("etag", "E1");
                if (cache) {
                    r.put("defaultTtl", 0);
                    r.put("maxTtl", 0);
                    r.put("minTtl", 0);
                    r.put("parametersInCacheKeyAndForwardedToOrigins", List.of());
                } else {
                    r.put("cookiesConfigs", List.of());
                    r.put("headersConfigs", List.of());
                    r.put("queryStringsConfigs", List.of());
                }
            }
            case "aws:route53/getZone:getZone" -> {
                String name = String.valueOf(args.args.get("name"));
                r.put("zoneId", zoneId(name));
                r.put("id", zoneId(name));
                r.put("name", name);
                r.put("arn", "arn:aws:route53:::hostedzone/" + zoneId(name));
                r.put("callerReference", "ref");
                r.put("comment", "");
                r.put("linkedServiceDescription", "");
                r.put("linkedServicePrincipal", "");
                r.put("nameServers", List.of("ns-1.awsdns-01.org"));
                r.put("primaryNameServer", "ns-1.awsdns-01.org");
                r.put("resourceRecordSetCount", 2);
                r.put("tags", Map.of());
                r.put("vpcId", "");
            }
            default -> throw new IllegalArgumentException("the test's AWS has no answer for invoke " + args.token);
        }
        return CompletableFuture.completedFuture(r);
    }

    static String zoneId(String zoneName) {
        return "Z" + Integer.toHexString(zoneName.hashCode()).toUpperCase(java.util.Locale.ROOT);
    }

    private static List<Map<String, Object>> validationOptions(Map<String, Object> inputs) {
        List<String> domains = new ArrayList<>();
        domains.add(String.valueOf(inputs.get("domainName")));
        if (inputs.get("subjectAlternativeNames") instanceof List<?> sans) {
            sans.forEach(s -> domains.add(String.valueOf(s)));
        }
        List<Map<String, Object>> options = new ArrayList<>();
        for (String d : domains) {
            String base = d.startsWith("*.") ? d.substring(2) : d;
            options.add(Map.of("domainName", d, "resourceRecordName", "_x1." + base + ".", "resourceRecordType", "CNAME",
                    "resourceRecordValue", "_y1.acm-validations.aws."));
        }
        return options;
    }

    private static String service(String type) {
        int colon = type.indexOf(':');
        int slash = type.indexOf('/');
        return colon >= 0 && slash > colon ? type.substring(colon + 1, slash) : type;
    }

    /** The resources of a type, by name: the SDK registers children asynchronously, so arrival order is not stable. */
    List<Registered> ofType(String type) {
        synchronized (resources) {
            return resources.stream().filter(r -> r.type().equals(type))
                    .sorted(java.util.Comparator.comparing(Registered::name)).toList();
        }
    }

    Registered named(String type, String name) {
        return ofType(type).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + "; there are " + ofType(type).stream().map(Registered::name).toList()));
    }
}
