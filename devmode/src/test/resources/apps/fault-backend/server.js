// The backend of the proxy's fault tests: fast, slow, large and upload answers, and a count of the
// connections it has open, so that a test can tell whether the proxy left any behind.
const http = require('node:http');

let open = 0;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  switch (url.pathname) {
    case '/connections':
      // this request's own connection is not counted
      return res.end(String(open - 1));
  }
  // Node.js announces its keep-alive timeout (Keep-Alive: timeout=60) unless the app sets Connection
  // itself. Said so, the proxy would keep idle connections for 59 s; unsaid, it must close them on
  // its own 2 s bound, like an app that keeps them long and says nothing, which is what is tested here
  res.setHeader('Connection', 'keep-alive');
  switch (url.pathname) {
    case '/slow':
      return setTimeout(() => res.end('slow'), Number(url.searchParams.get('ms') || 1000));
    case '/big': {
      const chunk = Buffer.alloc(64 * 1024, 120);
      let left = Number(url.searchParams.get('mb') || 1) * 16;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': left * chunk.length });
      const write = () => {
        while (left > 0) {
          left--;
          if (!res.write(chunk)) return res.once('drain', write);
        }
        res.end();
      };
      return write();
    }
    case '/upload': {
      let bytes = 0;
      req.on('data', (b) => { bytes += b.length; });
      req.on('end', () => res.end(String(bytes)));
      return;
    }
    default:
      return res.end('ok');
  }
});
server.on('connection', (socket) => {
  open++;
  socket.on('close', () => { open--; });
});
server.keepAliveTimeout = 60000;
server.headersTimeout = 65000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => process.exit(0));
