// A dependency-free JSON API. It listens on PORT, on every interface, as containers must.
const http = require('node:http');

const port = Number(process.env.PORT || 8080);
const greeting = process.env.GREETING || 'Hello';

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/api/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    return;
  }
  const body = {
    message: `${greeting} from ${process.env.SERVERLESS_CONTAINER_NAME || 'api'}`,
    path: url.pathname,
    stage: process.env.SERVERLESS_STAGE,
    compute: process.env.SERVERLESS_COMPUTE_TYPE,
  };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
});

server.listen(port, '0.0.0.0', () => {
  console.log(JSON.stringify({ level: 'info', msg: 'api listening', port }));
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
