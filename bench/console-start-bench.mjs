// Web console cold start: from spawning `certmapper serve` to the console's first contentful paint
// in Debian's Chromium (browser already running, fresh profile, fresh data folder).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function startServe(cli, data) {
  const child = spawn(process.execPath, [cli, '--data', data, 'serve', '--console-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const url = out.match(/Web console: (\S+)/)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

export async function consoleStartBench({ cli, runs = 5 }) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const totals = [];
  const servers = [];
  try {
    for (let i = 0; i < runs; i++) {
      const data = mkdtempSync(join(tmpdir(), 'certmapper-bench-data-'));
      const page = await browser.newPage();
      const t0 = performance.now();
      const { child, url } = await startServe(cli, data);
      const tServer = performance.now();
      await page.goto(url);
      const fcp = await page.evaluate(() => new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntries().find((e) => e.name === 'first-contentful-paint');
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
      }));
      const navigationStart = tServer; // goto starts right after the URL is printed
      totals.push(navigationStart - t0 + fcp);
      servers.push(tServer - t0);
      await page.close();
      child.kill('SIGTERM');
      rmSync(data, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  return [
    { name: 'web console: serve start until URL printed', times: servers, goal: '-' },
    { name: 'web console: cold start to first contentful paint', times: totals, goal: '-' },
  ];
}
