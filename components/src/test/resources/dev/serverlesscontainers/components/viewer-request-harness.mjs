// Runs generated CloudFront Functions on CloudFront-shaped viewer-request events.
// argv[2]: a JSON file {"runs": [{"module": "<file>", "undeployed": [origin ids the key value store lacks],
// "cases": [{"host", "uri", "querystring"}]}]}.
// Prints one JSON array per run: for each case the origin selected (or null), the response status
// when the function answered itself, and the x-forwarded-host and x-scf-container it set.
// The 'cloudfront' module it imports is the fake next to the generated files: it records the calls,
// and its key value store has every origin id but the run's "undeployed" ones.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const run of spec.runs) {
  globalThis.__undeployed = run.undeployed || [];
  globalThis.__storeIds = [];
  const mod = await import(pathToFileURL(path.resolve(path.dirname(process.argv[2]), run.module)).href);
  const out = [];
  for (const c of run.cases) {
    globalThis.__selectedOrigins = [];
    const event = {
      version: '1.0',
      context: { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'EDFDVBD6EXAMPLE', eventType: 'viewer-request', requestId: 'test' },
      viewer: { ip: '198.51.100.11' },
      request: {
        method: 'GET',
        uri: c.uri,
        querystring: c.querystring,
        headers: { host: { value: c.host }, 'user-agent': { value: 'test' }, 'x-scf-container': { value: 'spoofed-by-the-viewer' } },
        cookies: {}
      }
    };
    const result = await mod.handler(event);
    const answered = result && result.statusCode !== undefined;
    out.push({
      selected: globalThis.__selectedOrigins,
      status: answered ? result.statusCode : null,
      body: answered && result.body ? result.body.data : null,
      forwardedHost: !answered && result.headers['x-forwarded-host'] ? result.headers['x-forwarded-host'].value : null,
      container: !answered && result.headers['x-scf-container'] ? result.headers['x-scf-container'].value : null,
      uriUnchanged: answered || result.uri === c.uri
    });
  }
  results.push(out);
}
process.stdout.write(JSON.stringify(results));
