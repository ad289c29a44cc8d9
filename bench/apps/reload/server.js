// The app of the reload benchmarks: answers every request with the version it booted with, and says
// when it began listening (epoch milliseconds, from the clock the benchmark and scf-dev read too).
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const version = fs.readFileSync(path.join(__dirname, 'version.txt'), 'utf8').trim();
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(version) });
  res.end(version);
});
server.keepAliveTimeout = 5000;
server.listen(Number(process.env.PORT), '0.0.0.0', () => {
  const at = performance.timeOrigin + performance.now();
  console.log(`listening ${version} at ${at.toFixed(3)}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
