// The component composed with the rest of a program: a table's name and a bucket's ARN go into the
// containers' environment and IAM policy (outputs not known before the first deploy), a database's
// security group lets the Fargate tasks in by the component's output, and a transform sets the
// retention of every log group the component creates.
import * as pulumi from "@pulumi/pulumi";
import * as serverlessContainers from "@serverless-containers/pulumi";
import { Bucket, SecurityGroup, SecurityGroupIngressRule, Table } from "./aws";

const orders = new Table("orders", { hashKey: "id", attributes: [{ name: "id", type: "S" }], billingMode: "PAY_PER_REQUEST" });
const uploads = new Bucket("uploads");

const shop = new serverlessContainers.ServerlessContainers("shop", {
    config: {
        name: "shop",
        containers: {
            api: {
                src: "./api",
                routing: { pathPattern: "/api/*", pathHealthCheck: "/api/health" },
                environment: { ORDERS_TABLE: orders.name },
                compute: {
                    type: "awsLambda",
                    awsIam: {
                        customPolicy: {
                            Version: "2012-10-17",
                            Statement: [
                                { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: [orders.arn] },
                                { Effect: "Allow", Action: ["s3:GetObject"], Resource: [pulumi.interpolate`${uploads.arn}/*`] },
                            ],
                        },
                    },
                },
            },
            web: {
                src: "./web",
                routing: { pathPattern: "/*", pathHealthCheck: "/health" },
                // ${env:} reads the component's environment input, which may hold outputs too
                environment: { UPLOADS_BUCKET_ARN: "${env:UPLOADS_BUCKET_ARN}" },
                compute: { type: "awsFargateEcs" },
            },
        },
    },
    environment: { UPLOADS_BUCKET_ARN: uploads.arn },
    tags: { ordersTable: orders.name },
}, {
    // reaches every child the component's plugin declares: the escape hatch for what the file cannot say
    transforms: [args => args.type === "aws:cloudwatch/logGroup:LogGroup"
        ? { props: { ...args.props, retentionInDays: 7 }, opts: args.opts }
        : undefined],
});

const database = new SecurityGroup("database", { vpcId: shop.vpcId, description: "The orders database" });
new SecurityGroupIngressRule("database-from-tasks", {
    securityGroupId: database.id,
    referencedSecurityGroupId: shop.tasksSecurityGroupId.apply(id => id!),
    ipProtocol: "tcp", fromPort: 5432, toPort: 5432,
    description: "PostgreSQL from the Fargate tasks",
});

export const url = shop.url;
export const ordersTable = orders.name;
export const uploadsArn = uploads.arn;
export const tasksSecurityGroupId = shop.tasksSecurityGroupId;
export const containers = shop.containers;
