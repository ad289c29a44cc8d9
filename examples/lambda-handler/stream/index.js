// A streaming handler: with compute.awsLambda.streaming the function URL sends each line as it is
// written. awslambda is the global that Lambda's Node.js runtime (and aws-lambda-ric) provides.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const out = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 200,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
  if (event.rawPath.endsWith("/health")) {
    out.write("ok");
    out.end();
    return;
  }
  const query = event.queryStringParameters || {};
  const count = Math.min(Number(query.count || 5), 20);
  for (let i = 1; i <= count; i++) {
    out.write(`line ${i} of ${count}\n`);
    await sleep(500);
  }
  if (query.fail) {
    // after the status went out: the client's response is cut off, as a function URL cuts it off
    throw new Error("failed after the response began");
  }
  out.end();
});
