// Shaped like SCF's Hono example: package.json's main, served by @hono/node-server on PORT (8080 without it).
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';

const version = readFileSync(new URL('../version.txt', import.meta.url), 'utf8').trim();
const app = new Hono();
app.get('/health', (c) => c.text('OK'));
app.get('/version', (c) => c.text(version));
app.get('*', (c) => c.text(`hono ${version}`));
serve({ fetch: app.fetch, port: Number(process.env.PORT || 8080) }, (info) => console.log(`hono ${version} on ${info.port}`));
