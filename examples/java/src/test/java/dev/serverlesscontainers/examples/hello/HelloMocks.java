package dev.serverlesscontainers.examples.hello;

import com.pulumi.test.Mocks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * AWS as the program's unit test imagines it: every resource is created with its inputs as state,
 * an ARN and the few attributes AWS computes that the component reads; data sources answer with
 * plausible values. Every registration is kept for the test to look at.
 */
final class HelloMocks implements Mocks {
    record Registered(String type, String name, Map<String, Object> inputs) {}

    final List<Registered> resources = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        resources.add(new Registered(args.type, args.name, args.inputs));
        Map<String, Object> state = new LinkedHashMap<>(args.inputs);
        state.putIfAbsent("arn", "arn:aws:mock:eu-west-1:123456789012:" + args.name);
        switch (args.type) {
            case "aws:ecr/repository:Repository" -> state.put("repositoryUrl", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/" + args.inputs.get("name"));
            case "aws:lb/loadBalancer:LoadBalancer" -> state.put("dnsName", args.name + ".eu-west-1.elb.amazonaws.com");
            case "aws:lambda/functionUrl:FunctionUrl" -> state.put("functionUrl", "https://" + args.name + ".lambda-url.eu-west-1.on.aws/");
            case "aws:cloudfront/distribution:Distribution" -> {
                state.put("domainName", "d111111abcdef8.cloudfront.net");
                state.put("hostedZoneId", "Z2FDTNDATAQYW2");
            }
            case "aws:acm/certificate:Certificate" -> state.put("domainValidationOptions", List.of(Map.of("domainName", args.inputs.get("domainName"),
                    "resourceRecordName", "_x." + args.inputs.get("domainName") + ".", "resourceRecordType", "CNAME",
                    "resourceRecordValue", "_y.acm-validations.aws.")));
            case "aws:route53/record:Record" -> state.put("fqdn", args.inputs.get("name"));
            default -> {
            }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        Map<String, Object> result = switch (args.token) {
            case "aws:ecr/getAuthorizationToken:getAuthorizationToken" -> Map.of("proxyEndpoint", "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                    "userName", "AWS", "password", "secret", "authorizationToken", "token", "expiresAt", "2030-01-01T00:00:00Z");
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> Map.of("names", List.of("eu-west-1a", "eu-west-1b"),
                    "zoneIds", List.of("euw1-az1", "euw1-az2"));
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of("accountId", "123456789012", "arn", "arn:aws:iam::123456789012:user/ci",
                    "userId", "AIDA");
            case "aws:index/getPartition:getPartition" -> Map.of("partition", "aws", "dnsSuffix", "amazonaws.com");
            case "aws:index/getRegion:getRegion" -> Map.of("name", "eu-west-1");
            case "aws:ec2/getManagedPrefixList:getManagedPrefixList" -> Map.of("id", "pl-4fa04526");
            case "aws:cloudfront/getCachePolicy:getCachePolicy" -> Map.of("id", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
            case "aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy" -> Map.of("id", "b689b0a8-53d0-40ab-baf2-68738e2966ac");
            case "aws:route53/getZone:getZone" -> Map.of("zoneId", "Z0EXAMPLE", "name", String.valueOf(args.args.get("name")));
            default -> throw new IllegalArgumentException("no mock answer for " + args.token);
        };
        return CompletableFuture.completedFuture(result);
    }

    Registered named(String type, String name) {
        synchronized (resources) {
            return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type + " " + name));
        }
    }
}
