// A test app for scf-dev: answers on PORT, and can be told to misbehave through its environment.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const version = fs.readFileSync(path.join(__dirname, 'version.txt'), 'utf8').trim();
if (process.env.FAIL_AT_START) {
  console.error('failing at start as asked');
  process.exit(3);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const send = (status, body, type = 'text/plain') => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  switch (url.pathname) {
    case '/health':
      return send(process.env.UNHEALTHY ? 500 : 200, 'ok');
    case '/version':
      return send(200, version);
    case '/env': {
      const env = {};
      for (const [k, v] of Object.entries(process.env)) {
        if (k === 'PORT' || k.startsWith('SERVERLESS_') || k.startsWith('APP_') || k === 'PYTHONUNBUFFERED') env[k] = v;
      }
      return send(200, JSON.stringify(env), 'application/json');
    }
    case '/slow':
      return setTimeout(() => send(200, version), Number(url.searchParams.get('ms') || 500));
    case '/crash':
      send(200, 'crashing');
      return setTimeout(() => process.exit(1), 10);
    case '/pid':
      return send(200, String(process.pid));
    default:
      return send(200, `${version} ${req.method} ${url.pathname}`);
  }
});

let port = Number(process.env.PORT);
if (process.env.WRONG_PORT) port = 0;
// an app written for SCF's runtime: it ignores PORT and listens on a port of its own
if (process.env.FIXED_PORT) port = Number(process.env.FIXED_PORT);
server.listen(port, process.env.LISTEN_HOST || '0.0.0.0', () => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', version, port: server.address().port }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
