// Handlers as aws-lambda-ric runs them: `handler` answers with results, `stream` streams its response.
const os = require("os");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.handler = async (event, context) => {
  switch (event.rawPath) {
    case "/event":
      return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(event) };
    case "/string":
      return "Hello, world!";
    case "/cookies":
      return { statusCode: 201, cookies: ["a=1; Path=/", "b=2"], body: "baked" };
    case "/env":
      return Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(AWS_LAMBDA_|LAMBDA_|AWS_REGION)/.test(name)));
    case "/reverse": {
      const body = Buffer.from(event.body || "", event.isBase64Encoded ? "base64" : "utf8");
      return {
        statusCode: 200,
        headers: { "content-type": "application/octet-stream" },
        body: Buffer.from(body.reverse()).toString("base64"),
        isBase64Encoded: true,
      };
    }
    case "/exit":
      process.exit(3);
    case "/error":
      throw new TypeError("the handler failed on purpose");
    case "/slow":
      await sleep(Number(event.queryStringParameters.seconds) * 1000);
      // the host name tells containers apart, the process id processes
      return { statusCode: 200, body: `${os.hostname()}:${process.pid}` };
    default:
      return { statusCode: 200, body: `node ${event.requestContext.http.method} ${event.rawPath} ${context.functionName}` };
  }
};

// awslambda is the global the runtime interface client provides, as Lambda's Node.js runtime does
exports.stream = awslambda.streamifyResponse(async (event, responseStream) => {
  const out = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 201,
    headers: { "content-type": "text/plain", "x-streamed": "yes" },
  });
  if (event.rawPath === "/throw-first") {
    throw new RangeError("the stream failed before its first byte");
  }
  out.write("first;");
  await sleep(2000);
  if (event.rawPath === "/broken") {
    // after the status went out: the runtime reports this in its response's trailers
    throw new RangeError("the stream failed on purpose");
  }
  out.write("second");
  out.end();
});
