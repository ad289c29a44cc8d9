// Stands in for `next dev` (Next.js itself is too heavy for a test) on what matters to scf-dev: it is the
// package.json dev script, it listens on PORT, and it reloads itself when a file under app/ changes, without
// ever closing its listening socket, as next dev's hot reload does.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const pageFile = path.join(__dirname, 'app', 'page.txt');
let page = fs.readFileSync(pageFile, 'utf8').trim();
fs.watch(path.join(__dirname, 'app'), () => {
  try {
    const next = fs.readFileSync(pageFile, 'utf8').trim();
    if (next && next !== page) {
      page = next;
      console.log(`reloaded: ${page}`);
    }
  } catch (e) {
    // the file is being replaced; the next event reads it
  }
});

http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(req.url === '/health' ? 'OK' : page);
}).listen(Number(process.env.PORT || 3000), '0.0.0.0', () => console.log('ready'));
