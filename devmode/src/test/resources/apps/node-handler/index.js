// Handlers as aws-lambda-ric runs them: `handler` answers with results, `stream` streams its response.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.handler = async (event, context) => {
  switch (event.rawPath) {
    case "/event":
      return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(event) };
    case "/string":
      return "Hello, world!";
    case "/cookies":
      return { statusCode: 201, cookies: ["a=1; Path=/", "b=2"], body: "baked" };
    case "/error":
      throw new TypeError("the handler failed on purpose");
    case "/slow":
      await sleep(Number(event.queryStringParameters.seconds) * 1000);
      return { statusCode: 200, body: String(process.pid) };
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
  out.write("first;");
  await sleep(2000);
  out.write("second");
  out.end();
});
