"""The component composed with the rest of a program: a table's name and a bucket's ARN go into the
containers' environment and IAM policy (outputs not known before the first deploy), a database's
security group lets the Fargate tasks in by the component's output, and a transform sets the
retention of every log group the component creates."""
import pulumi
import pulumi_serverless_containers as serverless_containers

from aws import Bucket, SecurityGroup, SecurityGroupIngressRule, Table

orders = Table("orders", hash_key="id", attributes=[{"name": "id", "type": "S"}], billing_mode="PAY_PER_REQUEST")
uploads = Bucket("uploads")


def log_retention(args: pulumi.ResourceTransformArgs):
    """Reaches every child the component's plugin declares: the escape hatch for what the file cannot say."""
    if args.type_ == "aws:cloudwatch/logGroup:LogGroup":
        return pulumi.ResourceTransformResult(props={**args.props, "retentionInDays": 7}, opts=args.opts)
    return None


shop = serverless_containers.ServerlessContainers(
    "shop",
    config={
        "name": "shop",
        "containers": {
            "api": {
                "src": "./api",
                "routing": {"pathPattern": "/api/*", "pathHealthCheck": "/api/health"},
                "environment": {"ORDERS_TABLE": orders.name},
                "compute": {
                    "type": "awsLambda",
                    "awsIam": {
                        "customPolicy": {
                            "Version": "2012-10-17",
                            "Statement": [
                                {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"], "Resource": [orders.arn]},
                                {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": [pulumi.Output.concat(uploads.arn, "/*")]},
                            ],
                        },
                    },
                },
            },
            "web": {
                "src": "./web",
                "routing": {"pathPattern": "/*", "pathHealthCheck": "/health"},
                # ${env:} reads the component's environment input, which may hold outputs too
                "environment": {"UPLOADS_BUCKET_ARN": "${env:UPLOADS_BUCKET_ARN}"},
                "compute": {"type": "awsFargateEcs"},
            },
        },
    },
    environment={"UPLOADS_BUCKET_ARN": uploads.arn},
    tags={"ordersTable": orders.name},
    opts=pulumi.ResourceOptions(transforms=[log_retention]),
)

database = SecurityGroup("database", vpc_id=shop.vpc_id, description="The orders database")
SecurityGroupIngressRule(
    "database-from-tasks",
    securityGroupId=database.id,
    referencedSecurityGroupId=shop.tasks_security_group_id,
    ipProtocol="tcp", fromPort=5432, toPort=5432,
    description="PostgreSQL from the Fargate tasks",
)

pulumi.export("url", shop.url)
pulumi.export("ordersTable", orders.name)
pulumi.export("uploadsArn", uploads.arn)
pulumi.export("tasksSecurityGroupId", shop.tasks_security_group_id)
pulumi.export("containers", shop.containers)
