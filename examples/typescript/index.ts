// Deploys ../hello with the serverless-containers package: the stack's name is the stage
// (`pulumi stack select prod`). Optional stack configuration: devTrustPrincipalArns (a list), hostedZone,
// and logLevel (`pulumi config set --secret logLevel debug`: the api's ${env:LOG_LEVEL}, kept secret).
import * as pulumi from "@pulumi/pulumi";
import * as serverlessContainers from "@serverless-containers/pulumi";

const config = new pulumi.Config();
const devTrustPrincipalArns = config.getObject<string[]>("devTrustPrincipalArns");
const hostedZone = config.get("hostedZone");
const logLevel = config.getSecret("logLevel");

const hello = new serverlessContainers.ServerlessContainers("hello", {
    // relative to this program's directory, where Pulumi runs the plugin
    configFile: "../hello/serverless.containers.yml",
    tags: { example: "hello-typescript" },
    devTrustPrincipalArns,
    hostedZones: hostedZone ? [hostedZone] : undefined,
    // what ${env:...} in the file reads; a secret here makes the containers' environments secret
    environment: logLevel ? { LOG_LEVEL: logLevel } : undefined,
});

export const url = hello.url;
export const containers = hello.containers;
export const albDnsName = hello.albDnsName;
// one container's address, typed by the package's schema
export const apiUrl = hello.containers.apply(c => c["api"].url);
