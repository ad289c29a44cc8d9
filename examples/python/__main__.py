"""Deploys ../hello with the serverless-containers package: the stack's name is the stage
(`pulumi stack select prod`). Optional stack configuration: devTrustPrincipalArns (a list), hostedZone,
and logLevel (`pulumi config set --secret logLevel debug`: the api's ${env:LOG_LEVEL}, kept secret)."""
import pulumi
import pulumi_serverless_containers as serverless_containers

config = pulumi.Config()
hosted_zone = config.get("hostedZone")
log_level = config.get_secret("logLevel")

hello = serverless_containers.ServerlessContainers(
    "hello",
    # relative to this program's directory, where Pulumi runs the plugin
    config_file="../hello/serverless.containers.yml",
    tags={"example": "hello-python"},
    dev_trust_principal_arns=config.get_object("devTrustPrincipalArns"),
    hosted_zones=[hosted_zone] if hosted_zone else None,
    # what ${env:...} in the file reads; a secret here makes the containers' environments secret
    environment={"LOG_LEVEL": log_level} if log_level else None,
)

pulumi.export("url", hello.url)
pulumi.export("containers", hello.containers)
pulumi.export("albDnsName", hello.alb_dns_name)
