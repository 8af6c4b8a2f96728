import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pino from 'pino';
import request from 'supertest';
import { CONTENT_SECURITY_POLICY } from './security-headers';
import { serveDashboard } from './serve-dashboard';

@Controller()
class ProbeController {
  @Get('api/probe')
  probe() {
    return { probe: true };
  }

  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const INDEX = '<!doctype html><title>Trailmark</title><script type="module" src="/assets/app-1a2b.js"></script>';
const HTML = 'text/html,application/xhtml+xml,*/*;q=0.8';
let dist: string;
let app: NestExpressApplication;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'dashboard-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'export const app = 1;');
  app = await NestFactory.create<NestExpressApplication>(ProbeModule, { logger: false });
  serveDashboard(app, pino({ level: 'silent' }), dist);
  await app.init();
});

afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the dashboard served by the API', () => {
  it('answers / and any client route with index.html, uncached, under a CSP of self only', async () => {
    for (const path of ['/', '/w/ws-1/activity', '/w/ws-1/records/file/report.pdf']) {
      const response = await request(app.getHttpServer()).get(path).set('accept', HTML);
      expect(response.status).toBe(200);
      expect(response.text).toBe(INDEX);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('same-origin');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('serves hashed assets for good, and a missing one as a 404, not the app', async () => {
    const asset = await request(app.getHttpServer()).get('/assets/app-1a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toBe('export const app = 1;');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const missing = await request(app.getHttpServer()).get('/assets/gone-0000.js').set('accept', HTML);
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<title>Trailmark</title>');
  });

  it('leaves the API alone: its routes, its 404s and its headers', async () => {
    const probe = await request(app.getHttpServer()).get('/api/probe').set('accept', HTML);
    expect(probe.body).toEqual({ probe: true });
    expect(probe.headers['content-security-policy']).toBeUndefined();
    expect((await request(app.getHttpServer()).get('/health').set('accept', HTML)).body).toEqual({ status: 'ok' });
    const unknown = await request(app.getHttpServer()).get('/api/nothing-here').set('accept', HTML);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/json');
    expect((await request(app.getHttpServer()).get('/socket.io/?EIO=4').set('accept', HTML)).status).toBe(404);
  });

  it('does not turn JSON requests or POSTs to unknown paths into the app', async () => {
    expect((await request(app.getHttpServer()).get('/w/ws-1').set('accept', 'application/json')).status).toBe(404);
    expect((await request(app.getHttpServer()).post('/w/ws-1').set('accept', HTML)).status).toBe(404);
  });
});

describe('without a build', () => {
  it('serves nothing at / and warns how to build it', async () => {
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg) });
    const bare = await NestFactory.create<NestExpressApplication>(ProbeModule, { logger: false });
    serveDashboard(bare, logger, join(dist, 'not-built'));
    await bare.init();
    expect((await request(bare.getHttpServer()).get('/').set('accept', HTML)).status).toBe(404);
    expect(warnings).toEqual([`The dashboard is not built (${join(dist, 'not-built', 'index.html')} is missing); run "npm run build:dashboard" to serve it at /`]);
    await bare.close();
  });
});
