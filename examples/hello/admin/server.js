// The admin app, served on its own domain (routing.domain). Locally, reach it with
//   curl -H 'Host: admin.hello.example.com' http://localhost:3000/
const http = require('node:http');

const port = Number(process.env.PORT || 8080);

http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>Admin</title><h1>Admin</h1><p>Host: ${req.headers.host}</p>`);
}).listen(port, '0.0.0.0', () => console.log(`admin listening on ${port}`));
