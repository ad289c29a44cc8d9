// Shaped like SCF's Express example: no start or dev script (scf-dev runs package.json's main), and a port
// of its own that ignores PORT (8080 in SCF's example; APP_PORT lets a test pick a free one).
const express = require('express');
const fs = require('node:fs');
const path = require('node:path');

const version = fs.readFileSync(path.join(__dirname, '..', 'version.txt'), 'utf8').trim();
const app = express();
app.get('/health', (req, res) => res.send('OK'));
app.get('/version', (req, res) => res.send(version));
app.get('*', (req, res) => res.send(`express ${version}`));
app.listen(Number(process.env.APP_PORT || 8080), '0.0.0.0', () => console.log(`express ${version} listening`));
